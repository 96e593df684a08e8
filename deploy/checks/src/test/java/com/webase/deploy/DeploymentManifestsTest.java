package com.webase.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Issue 16, acceptance 1: the compose file, the image and the Kubernetes manifests give every
 * process what it needs — probes, resources, a non-root user, every setting it requires — with
 * unique ports and no secret written in plain text. What "requires" means is read from the
 * processes' own configuration ({@link ServiceSettings}), so a new setting without a deployment
 * value fails here, not in production.
 */
class DeploymentManifestsTest {

  static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
  static final Pattern SECRET_NAME =
      Pattern.compile(".*(SECRET|PASSWORD|SIGNING_JWKS|JAAS|REDIS_URL|API_KEY).*");
  static final Map<String, Integer> API_PORTS =
      Map.of(
          "gateway", 8080,
          "account-service", 8081,
          "token-service", 8082,
          "apps-service", 8083,
          "records-service", 8084,
          "notification-service", 8085);

  // ---------------------------------------------------------------- compose

  @Test
  void composeRunsEveryProcessWithResourcesAndStartsItAfterWhatItNeedsIsHealthy()
      throws IOException {
    Map<String, Object> services = composeServices();
    for (String process : ServiceSettings.PROCESSES) {
      Map<String, Object> service = map(services.get(process));
      assertThat(service).as(process).isNotNull();
      assertThat(map(map(map(service.get("deploy")).get("resources")).get("limits")))
          .as(process + " resource limits")
          .containsKeys("cpus", "memory");
      assertThat(service.get("read_only")).as(process + " read-only root").isEqualTo(true);
      Map<String, Object> build = map(service.get("build"));
      assertThat(build.get("dockerfile")).isEqualTo("deploy/docker/Dockerfile");
      assertThat(map(build.get("args")).get("SERVICE")).isEqualTo(process);
      // every dependency is waited for until healthy (or, for the ACL job, done)
      Map<String, Object> dependsOn = map(service.get("depends_on"));
      assertThat(dependsOn).as(process + " depends_on").isNotEmpty();
      dependsOn.forEach(
          (dependency, condition) -> {
            assertThat(services).as(process + " depends on " + dependency).containsKey(dependency);
            assertThat(map(condition).get("condition"))
                .as(process + " waits for " + dependency)
                .isIn("service_healthy", "service_completed_successfully");
            if ("service_healthy".equals(map(condition).get("condition"))) {
              boolean hasCheck =
                  map(services.get(dependency)).containsKey("healthcheck")
                      || ServiceSettings.PROCESSES.contains(dependency);
              assertThat(hasCheck).as(dependency + " has a health check").isTrue();
            }
          });
    }
    for (String server : List.of("postgres", "kafka", "redis", "mail", "keycloak")) {
      assertThat(map(services.get(server))).as(server).containsKey("healthcheck");
    }
    assertThat(services).containsKeys("prometheus", "grafana", "kafka-acls");
  }

  @Test
  void theImageRunsAsANonRootUserWithAHealthCheckOnTheManagementPortAndAnAotCache()
      throws IOException {
    String dockerfile = Files.readString(ROOT.resolve("deploy/docker/Dockerfile"));
    List<String> users =
        dockerfile.lines().filter(line -> line.startsWith("USER ")).map(String::strip).toList();
    assertThat(users).hasSize(1);
    assertThat(users.getFirst()).isNotIn("USER root", "USER 0", "USER 0:0");
    assertThat(dockerfile)
        .contains("HEALTHCHECK")
        .contains("${MANAGEMENT_PORT}/actuator/health/readiness")
        .contains("-XX:AOTCacheOutput=")
        .contains("-XX:AOTCache=");
    // the last instruction that starts the process comes after the switch to that user
    assertThat(dockerfile.lastIndexOf("USER ")).isLessThan(dockerfile.indexOf("ENTRYPOINT"));
  }

  @Test
  void composeGivesEveryProcessEverySettingItRequires() throws IOException {
    Map<String, Object> services = composeServices();
    Map<String, Set<String>> missing = new LinkedHashMap<>();
    for (String process : ServiceSettings.PROCESSES) {
      Set<String> given = map(map(services.get(process)).get("environment")).keySet();
      Set<String> lacking = new TreeSet<>(ServiceSettings.requiredBy(ROOT, process));
      lacking.removeAll(given);
      if (!lacking.isEmpty()) {
        missing.put(process, lacking);
      }
    }
    assertThat(missing).as("settings a process requires that compose does not give").isEmpty();
  }

  @Test
  void composeWritesNoSecretValueAndItsExampleSecretsFileHoldsNone() throws IOException {
    List<String> plain = new ArrayList<>();
    composeServices()
        .forEach(
            (name, service) ->
                map(map(service).get("environment"))
                    .forEach(
                        (variable, value) -> {
                          String text = String.valueOf(value);
                          boolean secret =
                              SECRET_NAME.matcher(variable).matches() || text.contains("password=");
                          if (secret && !text.contains("${")) {
                            plain.add(name + ": " + variable);
                          }
                        }));
    assertThat(plain)
        .as("secrets written in compose.yaml instead of taken from secrets.env")
        .isEmpty();
    List<String> filled =
        Files.readAllLines(ROOT.resolve("deploy/compose/secrets.env.example")).stream()
            .filter(line -> !line.isBlank() && !line.startsWith("#"))
            .filter(line -> !line.endsWith("="))
            .toList();
    assertThat(filled).as("values in the example secrets file").isEmpty();
    assertThat(Files.readString(ROOT.resolve(".gitignore"))).contains("deploy/compose/secrets.env");
  }

  @Test
  void composePublishesEachHostPortOnce() throws IOException {
    Map<String, String> owners = new HashMap<>();
    List<String> clashes = new ArrayList<>();
    composeServices()
        .forEach(
            (name, service) -> {
              Object ports = map(service).get("ports");
              if (ports instanceof List<?> list) {
                for (Object port : list) {
                  String host = String.valueOf(port).split(":")[0];
                  String previous = owners.putIfAbsent(host, name);
                  if (previous != null) {
                    clashes.add(host + ": " + previous + " and " + name);
                  }
                }
              }
            });
    assertThat(clashes).isEmpty();
    assertThat(owners).containsKey("8080");
  }

  // ---------------------------------------------------------------- Kubernetes

  @Test
  void theKustomizationListsEveryManifestOfTheBase() throws IOException {
    Map<String, Object> kustomization =
        map(new Yaml().load(Files.readString(ROOT.resolve("deploy/k8s/base/kustomization.yaml"))));
    List<Object> resources = list(kustomization.get("resources"));
    try (Stream<Path> files = Files.list(ROOT.resolve("deploy/k8s/base"))) {
      List<String> manifests =
          files
              .map(file -> file.getFileName().toString())
              .filter(name -> name.endsWith(".yaml") && !name.equals("kustomization.yaml"))
              .toList();
      assertThat(resources).containsExactlyInAnyOrderElementsOf(manifests);
    }
  }

  @Test
  void everyDeploymentProbesItsManagementPortHasResourcesAndRunsAsNonRootOnAReadOnlyRoot()
      throws IOException {
    Map<String, Map<String, Object>> deployments = kubernetes("Deployment");
    assertThat(deployments.keySet()).containsExactlyInAnyOrderElementsOf(ServiceSettings.PROCESSES);
    for (String process : ServiceSettings.PROCESSES) {
      Map<String, Object> pod = map(map(deployments.get(process).get("spec")).get("template"));
      Map<String, Object> podSpec = map(pod.get("spec"));
      Map<String, Object> container = map(list(podSpec.get("containers")).getFirst());
      assertThat(map(podSpec.get("securityContext")))
          .as(process)
          .containsEntry("runAsNonRoot", true);
      assertThat(((Number) map(podSpec.get("securityContext")).get("runAsUser")).intValue())
          .isPositive();
      Map<String, Object> security = map(container.get("securityContext"));
      assertThat(security)
          .as(process)
          .containsEntry("readOnlyRootFilesystem", true)
          .containsEntry("allowPrivilegeEscalation", false);
      Map<String, Object> resources = map(container.get("resources"));
      assertThat(map(resources.get("requests"))).as(process).containsKeys("cpu", "memory");
      assertThat(map(resources.get("limits"))).as(process).containsKey("memory");
      int management = API_PORTS.get(process) + 1000;
      assertThat(env(container)).containsEntry("MANAGEMENT_PORT", String.valueOf(management));
      Map<String, Integer> ports = new HashMap<>();
      for (Object port : list(container.get("ports"))) {
        ports.put(
            (String) map(port).get("name"), ((Number) map(port).get("containerPort")).intValue());
      }
      assertThat(ports)
          .containsEntry("http", API_PORTS.get(process))
          .containsEntry("management", management);
      for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
        Map<String, Object> get = map(map(container.get(probe)).get("httpGet"));
        assertThat(get.get("port")).as(process + " " + probe).isEqualTo("management");
        assertThat((String) get.get("path")).startsWith("/actuator/health/");
      }
    }
    assertThat(kubernetes("PodDisruptionBudget").keySet())
        .containsExactlyInAnyOrderElementsOf(ServiceSettings.PROCESSES);
    assertThat(kubernetes("HorizontalPodAutoscaler").keySet())
        .contains("gateway", "account-service", "token-service", "apps-service", "records-service");
  }

  @Test
  void kubernetesGivesEveryProcessEverySettingItRequiresAndEveryConfigKeyExists()
      throws IOException {
    Map<String, Map<String, Object>> deployments = kubernetes("Deployment");
    Map<String, Object> config = map(kubernetes("ConfigMap").get("webase-config").get("data"));
    Map<String, Set<String>> missing = new LinkedHashMap<>();
    Set<String> configKeysUsed = new TreeSet<>();
    for (String process : ServiceSettings.PROCESSES) {
      Map<String, Object> container =
          map(
              list(map(map(map(deployments.get(process).get("spec")).get("template")).get("spec"))
                      .get("containers"))
                  .getFirst());
      Set<String> lacking = new TreeSet<>(ServiceSettings.requiredBy(ROOT, process));
      lacking.removeAll(env(container).keySet());
      if (!lacking.isEmpty()) {
        missing.put(process, lacking);
      }
      for (Object entry : list(container.get("env"))) {
        Map<String, Object> from = map(map(entry).get("valueFrom"));
        Map<String, Object> configRef = map(from.get("configMapKeyRef"));
        if (!configRef.isEmpty()) {
          assertThat(config).as("webase-config").containsKey((String) configRef.get("key"));
          configKeysUsed.add((String) configRef.get("key"));
        }
      }
    }
    assertThat(missing).as("settings a process requires that Kubernetes does not give").isEmpty();
    assertThat(config.keySet()).as("keys no process reads").isSubsetOf(configKeysUsed);
  }

  @Test
  void kubernetesTakesEverySecretFromASecretAndDocumentsEverySetting() throws IOException {
    List<String> plain = new ArrayList<>();
    kubernetes("Deployment")
        .forEach(
            (name, deployment) -> {
              Map<String, Object> container =
                  map(
                      list(map(map(map(deployment.get("spec")).get("template")).get("spec"))
                              .get("containers"))
                          .getFirst());
              for (Object entry : list(container.get("env"))) {
                String variable = (String) map(entry).get("name");
                boolean fromSecret =
                    map(map(map(entry).get("valueFrom")).get("secretKeyRef")).containsKey("key");
                if (SECRET_NAME.matcher(variable).matches() && !fromSecret) {
                  plain.add(name + ": " + variable);
                }
              }
            });
    assertThat(plain).as("secret settings not taken from a Secret").isEmpty();
    assertThat(kubernetes("Secret")).as("Secrets with values in the repository").isEmpty();
    Map<String, Object> config = map(kubernetes("ConfigMap").get("webase-config").get("data"));
    assertThat(config.keySet())
        .noneMatch(
            key -> key.matches(".*(secret|password|jwks|key)$") && !key.endsWith("current-key"));
    // every key of the ConfigMap has a comment above it saying what it is
    List<String> lines = Files.readAllLines(ROOT.resolve("deploy/k8s/base/config.yaml"));
    for (String key : config.keySet()) {
      int at = indexOfKey(lines, key);
      assertThat(at).as(key).isPositive();
      assertThat(lines.get(at - 1).strip()).as("the comment above " + key).startsWith("#");
    }
  }

  @Test
  void onlyTheGatewayReachesTokenServicesIntrospectionAndOnlyTheIngressReachesTheGateway()
      throws IOException {
    Map<String, Map<String, Object>> policies = kubernetes("NetworkPolicy");
    Map<String, Object> tokenService =
        map(policies.get("token-service-from-gateway-and-services").get("spec"));
    assertThat(map(map(tokenService.get("podSelector")).get("matchLabels")))
        .containsEntry("app.kubernetes.io/name", "token-service");
    // port → the processes admitted to it
    Map<Integer, Set<String>> admitted = new TreeMap<>();
    for (Object rule : list(tokenService.get("ingress"))) {
      List<String> from = new ArrayList<>();
      for (Object peer : list(map(rule).get("from"))) {
        assertThat(map(peer).get("namespaceSelector")).as("no other namespace").isNull();
        Map<String, Object> selector = map(map(peer).get("podSelector"));
        Map<String, Object> labels = map(selector.get("matchLabels"));
        if (!labels.isEmpty()) {
          from.add((String) labels.get("app.kubernetes.io/name"));
        }
        for (Object expression : list(selector.get("matchExpressions"))) {
          list(map(expression).get("values")).forEach(value -> from.add((String) value));
        }
      }
      assertThat(from).as("a rule names who it admits").isNotEmpty();
      for (Object port : list(map(rule).get("ports"))) {
        admitted
            .computeIfAbsent((Integer) map(port).get("port"), p -> new TreeSet<>())
            .addAll(from);
      }
    }
    // the API port, where /internal/v1/introspect is: the gateway alone
    assertThat(admitted.get(8082)).containsExactly("gateway");
    // the management port: the gateway (API document) and the services (the JWKS)
    assertThat(admitted.get(9082))
        .containsExactlyInAnyOrder(
            "gateway",
            "account-service",
            "apps-service",
            "records-service",
            "notification-service");
    assertThat(admitted.keySet()).containsExactly(8082, 9082);
    // and the services do read the JWKS there; token-service its own, on localhost (which no
    // NetworkPolicy filters: another replica's management port would not admit it)
    for (String service :
        List.of("account-service", "apps-service", "records-service", "notification-service")) {
      assertThat(environmentOf(service))
          .as(service)
          .containsEntry(
              "WEBASE_TOKEN_SERVICE_JWKS_URL", "http://token-service:9082/actuator/jwks");
    }
    assertThat(environmentOf("token-service"))
        .containsEntry("WEBASE_TOKEN_SERVICE_JWKS_URL", "http://localhost:9082/actuator/jwks");
    Map<String, Object> gateway = map(policies.get("gateway-from-ingress").get("spec"));
    assertThat(map(map(gateway.get("podSelector")).get("matchLabels")))
        .containsEntry("app.kubernetes.io/name", "gateway");
  }

  /** The plain values of a Deployment's container environment (not those from refs). */
  private static Map<String, Object> environmentOf(String deployment) throws IOException {
    Map<String, Object> container =
        map(
            list(map(map(map(kubernetes("Deployment").get(deployment).get("spec")).get("template"))
                        .get("spec"))
                    .get("containers"))
                .getFirst());
    Map<String, Object> environment = new LinkedHashMap<>();
    for (Object variable : list(container.get("env"))) {
      if (map(variable).containsKey("value")) {
        environment.put((String) map(variable).get("name"), map(variable).get("value"));
      }
    }
    return environment;
  }

  // ---------------------------------------------------------------- helpers

  private static int indexOfKey(List<String> lines, String key) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).strip().startsWith(key + ":")) {
        return i;
      }
    }
    return -1;
  }

  private static Map<String, Object> composeServices() throws IOException {
    Map<String, Object> compose =
        map(new Yaml().load(Files.readString(ROOT.resolve("deploy/compose/compose.yaml"))));
    return map(compose.get("services"));
  }

  /** Every object of the kind in the base, by name. */
  private static Map<String, Map<String, Object>> kubernetes(String kind) throws IOException {
    Map<String, Map<String, Object>> found = new LinkedHashMap<>();
    try (Stream<Path> files = Files.list(ROOT.resolve("deploy/k8s/base"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
        for (Object document : new Yaml().loadAll(Files.readString(file))) {
          Map<String, Object> object = map(document);
          if (kind.equals(object.get("kind"))) {
            found.put((String) map(object.get("metadata")).get("name"), object);
          }
        }
      }
    }
    return found;
  }

  /** A container's environment: literal values as given, references as "<ref>". */
  private static Map<String, String> env(Map<String, Object> container) {
    Map<String, String> env = new LinkedHashMap<>();
    for (Object entry : list(container.get("env"))) {
      Map<String, Object> variable = map(entry);
      Object value = variable.get("value");
      env.put((String) variable.get("name"), value == null ? "<ref>" : String.valueOf(value));
    }
    return env;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object value) {
    return value instanceof List<?> l ? (List<Object>) l : List.of();
  }
}
