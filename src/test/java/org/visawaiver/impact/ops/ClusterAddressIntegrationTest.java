package org.visawaiver.impact.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * scripts/cluster with SPARK_LOCAL_IP set: the master binds to that address, and the worker must
 * register with it there (it used to be sent to 127.0.0.1, where nothing listened). 127.0.0.2 is a
 * loopback address of its own on Linux, so a worker that still went to 127.0.0.1 would fail.
 */
@Tag("integration")
class ClusterAddressIntegrationTest {
  @Test
  void theWorkerRegistersWithTheMasterAtSparkLocalIp() throws Exception {
    OpsProcesses.ensureJar();
    Path work = OpsProcesses.workDir("cluster-address");
    Path state = work.resolve("state");
    int port = OpsProcesses.freePort();
    int webPort = OpsProcesses.freePortBlock(2);
    try {
      Path log = work.resolve("cluster-start.log");
      int code = OpsProcesses.run(List.of("env", "SPARK_LOCAL_IP=127.0.0.2", "scripts/cluster", "start",
          "--workers", "1", "--port", String.valueOf(port), "--web-port", String.valueOf(webPort),
          "--worker-memory", "1g", "--state-dir", state.toString()), log, Duration.ofMinutes(3));
      assertEquals(0, code, Files.readString(log));
      assertEquals("spark://127.0.0.2:" + port, Files.readString(state.resolve("master-url")).strip());
      assertTrue(Files.readString(state.resolve("logs/worker-1.log"))
          .contains("Successfully registered with master spark://127.0.0.2:" + port), "worker log");
    } finally {
      OpsProcesses.run(List.of("scripts/cluster", "stop", "--state-dir", state.toString()),
          work.resolve("cluster-stop.log"), Duration.ofMinutes(1));
      OpsProcesses.killAllMentioning(work.toString());
    }
  }
}
