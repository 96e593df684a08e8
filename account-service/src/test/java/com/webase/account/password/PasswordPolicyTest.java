package com.webase.account.password;

import static org.assertj.core.api.Assertions.assertThat;

import com.webase.account.password.PasswordPolicy.Candidate;
import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

  private static final PasswordPolicy policy = new PasswordPolicy();
  private static final String EMAIL = "grace.hopper@example.com";
  private static final String NAME = "Grace Hopper";

  private static String refusal(String password) {
    return refusal(password, password, "old password 1234");
  }

  private static String refusal(String password, String confirm, String current) {
    return policy
        .check(new Candidate(password, confirm, current, EMAIL, NAME))
        .map(PasswordPolicy.Refusal::type)
        .orElse("accepted");
  }

  @Test
  void aLongUnusualPassphraseIsAcceptedWithoutAnyCompositionRule() {
    assertThat(refusal("violet tractor mango seventeen")).isEqualTo("accepted");
    assertThat(refusal("correcthorsebatterystaplezebra")).isEqualTo("accepted");
  }

  @Test
  void twelveCharactersAreTheMinimumCountedAsCharactersNotBytes() {
    assertThat(refusal("Qz8#vL2!pX9")).isEqualTo("password-too-short"); // 11
    assertThat(refusal("ñçøéüßàæœ€ÿ")).isEqualTo("password-too-short"); // 11, 2-byte each
  }

  @Test
  void oneHundredTwentyEightCharactersAreAllowedAndOneMoreIsNot() {
    String words = "violet tractor mango seventeen ";
    String exactly128 = words.repeat(5).substring(0, 128);
    assertThat(refusal(exactly128)).isEqualTo("accepted");
    assertThat(refusal(exactly128 + "x")).isEqualTo("password-too-long");
  }

  @Test
  void theConfirmationMustMatch() {
    assertThat(refusal("violet tractor mango seventeen", "violet tractor mango seventeen!", null))
        .isEqualTo("password-confirmation-mismatch");
  }

  @Test
  void theCurrentPasswordCannotBeTheNewOne() {
    String same = "violet tractor mango seventeen";
    assertThat(refusal(same, same, same)).isEqualTo("password-unchanged");
  }

  @Test
  void theEmailsLocalPartAndTheNameAreRefusedInAnyCase() {
    assertThat(refusal("my GRACE.HOPPER secret 42")).isEqualTo("password-contains-email");
    assertThat(refusal("quilt hopper harbour 93")).isEqualTo("password-contains-name");
  }

  @Test
  void commonAndKeyboardPatternPasswordsAreTooWeakWithFeedback() {
    for (String weak :
        new String[] {"password1234", "qwertyuiop123", "123456789012", "aaaaaaaaaaaa"}) {
      var result = policy.check(new Candidate(weak, weak, null, EMAIL, NAME));
      assertThat(result).as(weak).isPresent();
      assertThat(result.get().type()).as(weak).isEqualTo("password-too-weak");
      assertThat(result.get().score()).as(weak).isLessThan(PasswordPolicy.MIN_SCORE);
      assertThat(result.get().feedback()).as(weak).isNotNull();
    }
  }
}
