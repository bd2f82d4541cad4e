package com.ordercloudhub.hub.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

class SecretRuleTest {

  private final SecretRule rule = SecretRule.defaults();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Password",
        "password",
        "NewPassword",
        "newpassword",
        "ExistingPassword",
        "passwd",
        "ClientSecret",
        "ConnectClientSecret",
        "clientsecret",
        "Secret",
        "secrets",
        "access_token",
        "refresh_token",
        "id_token",
        "AccessToken",
        "Token",
        "HashKey",
        "SharedKey",
        "ApiKey",
        "apikey",
        "api_key",
        "x-api-key",
        "X-API-KEY",
        "APIKey",
        "PrivateKey",
        "privateKeyPem",
        "SharedAccessKey",
        "AccountKey",
        "PrimaryKey",
        "ConnectionString",
        "connectionstring",
        "connection_string",
        "Authorization",
        "Proxy-Authorization",
        "Credentials",
        "credential",
        "SasToken",
        "sig",
        "Cookie",
        "Set-Cookie",
        "CustomAuthHeaderValue",
        "verificationCode",
        "OneTimePasscode",
        "pin",
        "CardPin",
        "CardNumber",
        "card_number",
        "ccNumber",
        "PAN"
      })
  void secretNames(String name) {
    assertThat(rule.isSecretName(name)).as(name).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ID",
        "Username",
        "Sasquatch",
        "Monkey",
        "Turkey",
        "TokenizedCardLast4",
        "Secretary",
        "KeyAccount",
        "KeyID",
        "ApiClientSecretID",
        "token_type",
        "expires_in",
        "AccessTokenExpiresIn",
        "PasswordRenewalUrl",
        "PasswordLastSetDate",
        "AuthorizationEndpoint",
        "TokenEndpoint",
        "CustomAuthHeaderName",
        "SharedAccessKeyName",
        "Signature",
        "PostalCode",
        "LogID",
        "sasUrl",
        "Keyboard",
        "Idempotency-Key",
        "PartitionKey",
        "RowKey"
      })
  void visibleNames(String name) {
    assertThat(rule.isSecretName(name)).as(name).isFalse();
  }

  @Test
  void valueShapesAreMaskedInsideLongerTextAndTheRestIsKept() {
    String text =
        "call failed: Authorization: Bearer abc.DEF-123 for"
            + " https://u:p4ss@erp.example/api?key=k-99&page=2 with token"
            + " eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln body {\"access_token\":\"at-1\","
            + "\"ID\":\"o-1\"} and Basic b3BzOm9wcy1wYXNzd29yZA== then AccountKey=ak==;x=1";

    String masked = rule.mask(text);

    assertThat(masked)
        .doesNotContain("abc.DEF-123", "p4ss", "k-99", "eyJhbGci", "at-1", "b3BzOm9w", "ak==")
        .contains("call failed", "https://u:", "@erp.example/api?key=", "page=2", "\"o-1\"")
        .contains("Bearer [redacted]", "x=1");
  }

  @Test
  void prefixedCloudKeysAreMaskedUnderAnyName() {
    String text =
        "aws AKIAIOSFODNN7EXAMPLE gh ghp_abcdefghijklmnopqrstuvwxyz0123456789 slack"
            + " xoxb-1234-5678-abcdefgh stripe sk_live_abcdefghijklmnop0123 order SO-100234";

    assertThat(rule.mask(text))
        .doesNotContain("AKIAIOSFODNN7", "ghp_abc", "xoxb-1234", "sk_live_abc")
        .contains("aws [redacted]", "order SO-100234");
  }

  @Test
  void wordsAfterBasicOrBearerAreNotSecrets() {
    assertThat(rule.mask("Basic Training for the Bearer instruments team"))
        .isEqualTo("Basic Training for the Bearer instruments team");
  }

  @Test
  void controlCharactersAreEscapedSoAValueStaysOnOneLine() {
    assertThat(SecretRule.escapeControls("a\nb\r\nc\u2028d\u2029e\u0085f\u001bg\th"))
        .isEqualTo("a\\nb\\r\\nc\\u2028d\\u2029e\\u0085f\\u001Bg\\th");
    assertThat(rule.forLog("id\nBearer tok-12345678")).isEqualTo("id\\nBearer [redacted]");
  }

  /** The logs use the built-in rule until start-up: it must be the one application.yaml ships. */
  @Test
  @SuppressWarnings("unchecked")
  void theBuiltInRuleIsTheOneApplicationYamlShips() throws Exception {
    Map<String, Object> store;
    try (var in = Files.newInputStream(Path.of("application.yaml"))) {
      Map<String, Object> first = (Map<String, Object>) new Yaml().loadAll(in).iterator().next();
      store = (Map<String, Object>) ((Map<String, Object>) first.get("hub")).get("store");
    }
    assertThat(store.get("secret-names")).isEqualTo(SecretRule.DEFAULT_NAMES);
    assertThat(store.get("secret-name-endings")).isEqualTo(SecretRule.DEFAULT_NAME_ENDINGS);
    assertThat(store.get("visible-name-endings")).isEqualTo(SecretRule.DEFAULT_VISIBLE_ENDINGS);
    assertThat(store.get("secret-values")).isEqualTo(SecretRule.DEFAULT_VALUES);
  }

  @Test
  void wordsSplitCamelSnakeKebabAndDigits() {
    assertThat(SecretRule.words("ConnectClientSecret"))
        .containsExactly("connect", "client", "secret");
    assertThat(SecretRule.words("X-API-Key_v2")).containsExactly("x", "api", "key", "v", "2");
    assertThat(SecretRule.words("TokenizedCardLast4"))
        .containsExactly("tokenized", "card", "last", "4");
  }
}
