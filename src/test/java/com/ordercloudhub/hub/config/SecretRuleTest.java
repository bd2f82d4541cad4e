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

  /** Text without any of a shape's leading literals is not scanned for it: what those are. */
  @Test
  void aShapeIsScannedForOnlyInTextHoldingOneOfItsLeadingLiterals() {
    assertThat(SecretRule.LeadingLiterals.of("(?:AKIA|ASIA)[0-9A-Z]{16}\\b"))
        .containsExactly("AKIA", "ASIA");
    assertThat(SecretRule.LeadingLiterals.of("gh[pousr]_[A-Za-z0-9]{30,}"))
        .containsExactly("ghp_", "gho_", "ghu_", "ghs_", "ghr_");
    assertThat(SecretRule.LeadingLiterals.of("[sr]k_live_[A-Za-z0-9]{16,}"))
        .containsExactly("sk_live_", "rk_live_");
    assertThat(SecretRule.LeadingLiterals.of("\\.env=x")).containsExactly(".env=x");
    // repeated or optional atoms end the prefix; a top-level alternative or a class range has none
    assertThat(SecretRule.LeadingLiterals.of("abc?d")).containsExactly("ab");
    assertThat(SecretRule.LeadingLiterals.of("a(?:b|c)*d")).containsExactly("a");
    assertThat(SecretRule.LeadingLiterals.of("abc|xyz")).isNull();
    assertThat(SecretRule.LeadingLiterals.of("(?:abc|x)|y")).isNull();
    assertThat(SecretRule.LeadingLiterals.of("[a-z]+x")).isNull();
    assertThat(SecretRule.LeadingLiterals.of("\\dabc")).isNull();
    assertThat(SecretRule.LeadingLiterals.of("(abc)")).isNull();
    assertThat(SecretRule.LeadingLiterals.of("(?i)abc")).isNull();
  }

  @Test
  void configuredShapesAreFoundInAnyCaseAndAfterTheirAlternatives() {
    SecretRule custom =
        new SecretRule(
            SecretRule.DEFAULT_NAMES,
            SecretRule.DEFAULT_NAME_ENDINGS,
            SecretRule.DEFAULT_VISIBLE_ENDINGS,
            java.util.List.of(
                "(?i)\\b(?:tok|pat)_[0-9]{4}", "zz[qx]-[0-9]{3}|yy-[0-9]{3}", "[0-9]{6}-otp"));

    assertThat(custom.mask("a TOK_1234 and a Pat_5678 here"))
        .isEqualTo("a [redacted] and a [redacted] here");
    assertThat(custom.mask("zzq-123 then yy-456 then zzy-789"))
        .isEqualTo("[redacted] then [redacted] then zzy-789");
    assertThat(custom.mask("code 123456-otp")).isEqualTo("code [redacted]");
    assertThat(custom.mask("tok 1234, pat-5678")).isEqualTo("tok 1234, pat-5678");
  }

  /** Shapes beyond those one pass tells apart are each looked for on their own. */
  @Test
  void everyOneOfManyConfiguredShapesIsMasked() {
    java.util.List<String> values = new java.util.ArrayList<>();
    for (int i = 0; i < 70; i++) {
      values.add("\\bfill" + i + "_[0-9]{2}\\b");
    }
    SecretRule many =
        new SecretRule(
            SecretRule.DEFAULT_NAMES,
            SecretRule.DEFAULT_NAME_ENDINGS,
            SecretRule.DEFAULT_VISIBLE_ENDINGS,
            values);

    for (int i = 0; i < 70; i++) {
      assertThat(many.mask("a fill" + i + "_42 b")).isEqualTo("a [redacted] b");
      assertThat(many.mask("a fill" + i + "_4 b")).isEqualTo("a fill" + i + "_4 b");
    }
    assertThat(many.mask("fill3_01 fill66_02 fill3_x")).isEqualTo("[redacted] [redacted] fill3_x");
  }

  @Test
  void aCaseInsensitiveLiteralIsFoundAsLowerCaseTextWouldHoldIt() {
    assertThat(SecretRule.containsIgnoreCase("Authorization: BEARER x", "bearer")).isTrue();
    assertThat(SecretRule.containsIgnoreCase("xBasIc", "basic")).isTrue();
    // the Kelvin sign lower-cases to k
    assertThat(SecretRule.containsIgnoreCase("\u212Aey", "key")).isTrue();
    assertThat(SecretRule.containsIgnoreCase("bearing", "bearer")).isFalse();
    assertThat(SecretRule.containsIgnoreCase("bea", "bearer")).isFalse();
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
