package com.ordercloudhub.hub.ops;

import com.ordercloudhub.hub.support.HubTest;
import org.springframework.jdbc.core.JdbcTemplate;

/** The charts' figures on the embedded default: an H2 file database in PostgreSQL mode. */
@HubTest
class ChartsApiH2Test extends ChartsApiContract {

  @Override
  void preferIndexes(JdbcTemplate jdbc) {
    // H2 chooses the index for a range condition whatever the table's size
  }
}
