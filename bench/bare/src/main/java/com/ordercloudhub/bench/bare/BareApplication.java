package com.ordercloudhub.bench.bare;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Spring Boot, Camel and the route in routes/: nothing of the hub's. */
@SpringBootApplication
public class BareApplication {

  public static void main(String[] args) {
    SpringApplication.run(BareApplication.class, args);
  }
}
