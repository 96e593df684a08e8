import com.nulabinc.zxcvbn.Zxcvbn;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Writes {@code webase-common-passwords.txt}, the blacklist of Keycloak's password policy, to
 * standard output: common passwords of 12 to 128 characters that account-service's own rule
 * (zxcvbn score below 3) refuses too, so Keycloak's registration and reset refuse nothing the API
 * would accept for being common.
 *
 * <p>Source: the {@code passwords} dictionary of zxcvbn4j (MIT licence), which is Dropbox
 * zxcvbn's list of the 30,000 most common passwords (MIT licence). Each of the most common
 * {@code TOP} passwords is taken as it is, with the endings people add to reach a length rule
 * (digits, a year, "!"), and doubled; what is 12 characters or longer and scores below 3 is kept.
 *
 * <pre>
 * java -cp ~/.m2/repository/com/nulab-inc/zxcvbn/1.9.0/zxcvbn-1.9.0.jar \
 *   deploy/keycloak/password-blacklists/CommonPasswords.java \
 *   > deploy/keycloak/password-blacklists/webase-common-passwords.txt
 * </pre>
 */
public class CommonPasswords {

  static final int TOP = 2_000;
  static final List<String> ENDINGS =
      List.of(
          "", "1", "12", "123", "1234", "12345", "123456", "!", "1!", "123!", "01", "69", "007",
          "2020", "2021", "2022", "2023", "2024", "2025", "2026");

  public static void main(String[] args) throws Exception {
    List<String> common = new ArrayList<>();
    try (var in =
        new BufferedReader(
            new InputStreamReader(
                Zxcvbn.class.getResourceAsStream("matchers/dictionaries/passwords.txt"),
                StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null && common.size() < TOP; ) {
        if (!line.isBlank()) {
          common.add(line.strip().toLowerCase(Locale.ROOT));
        }
      }
    }
    Zxcvbn zxcvbn = new Zxcvbn();
    Set<String> weak = new LinkedHashSet<>();
    for (String password : common) {
      List<String> candidates = new ArrayList<>();
      for (String ending : ENDINGS) {
        candidates.add(password + ending);
      }
      candidates.add(password + password);
      for (String candidate : candidates) {
        int length = candidate.codePointCount(0, candidate.length());
        if (length >= 12 && length <= 128 && !weak.contains(candidate)
            && zxcvbn.measure(candidate).getScore() < 3) {
          weak.add(candidate);
        }
      }
    }
    weak.forEach(System.out::println);
  }
}
