package io.netharness.it.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netharness.it.support.LocalPorts;
import io.netharness.it.support.PostgresServer;
import io.netharness.it.support.RequiresExecutable;
import io.netharness.it.support.Timing;
import io.netharness.it.support.Wait;
import io.netharness.simulator.ConnectionFault;
import io.netharness.simulator.CutMode;
import io.netharness.simulator.Direction;
import io.netharness.simulator.Effect;
import io.netharness.simulator.FaultHandle;
import io.netharness.simulator.TcpLink;
import io.netharness.simulator.Trigger;
import java.net.SocketTimeoutException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The PostgreSQL JDBC driver against Debian's PostgreSQL through {@link TcpLink}s: socket timeout and failover. */
@RequiresExecutable(value = "postgres", debianPackage = "postgresql")
class PgjdbcThroughTcpLinkTest {

    private static PostgresServer postgres;

    @BeforeAll
    static void startPostgres() {
        postgres = PostgresServer.start();
    }

    @AfterAll
    static void stopPostgres() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void socketTimeoutEndsAQueryWhoseAnswerTheLinkSwallows() throws Exception {
        try (TcpLink link = TcpLink.builder().target(postgres.address()).seed(21).build().start();
                Connection connection = DriverManager.getConnection(PostgresServer.jdbcUrl(link.address()))) {
            assertThat(selectOne(connection)).isEqualTo(1);
            // Set once connected: a busy machine can take longer than this to finish the start-up handshake.
            Duration readTimeout = Duration.ofMillis(500);
            connection.setNetworkTimeout(Runnable::run, (int) readTimeout.toMillis());

            FaultHandle stall = link.addFault(Direction.DOWNSTREAM, ConnectionFault.blackhole());
            Timing.Failure failure = Timing.timeFailure(() -> selectOne(connection));

            assertThat(failure.exception()).isInstanceOf(SQLException.class)
                    .hasRootCauseInstanceOf(SocketTimeoutException.class);
            assertThat(failure.elapsed()).isBetween(readTimeout, Duration.ofSeconds(15));
            assertThat(connection.isClosed()).as("pgjdbc closes a connection whose socket timed out").isTrue();
            stall.remove();
        }
    }

    @Test
    void driverFailsOverToTheSecondHostWhenTheFirstLinkIsCut() throws Exception {
        try (TcpLink first = TcpLink.builder().target(postgres.address()).seed(22).build().start();
                TcpLink second = TcpLink.builder().target(postgres.address()).seed(23).build().start()) {
            String url = "jdbc:postgresql://127.0.0.1:" + first.address().getPort() + ",127.0.0.1:"
                    + second.address().getPort() + "/postgres?user=postgres&connectTimeout=5";
            first.cut(CutMode.DROP_EXISTING);

            try (Connection connection = DriverManager.getConnection(url)) {
                assertThat(selectOne(connection)).isEqualTo(1);
                assertThat(second.openConnections()).as("the connection went through the second link").isEqualTo(1);
                assertThat(first.openConnections()).isZero();
            }

            // The link learns of the closed connection asynchronously; count afresh from zero.
            Wait.until("the first connection has left the second link", Duration.ofSeconds(10),
                    () -> second.openConnections() == 0, () -> "open: " + second.openConnections());
            first.heal();
            // pgjdbc remembers a host that failed and skips it for hostRecheckSeconds (10 s by default).
            try (Connection connection = DriverManager.getConnection(url)) {
                assertThat(selectOne(connection)).isEqualTo(1);
                assertThat(first.openConnections()).as("the failed host is still avoided").isZero();
                assertThat(second.openConnections()).isEqualTo(1);
            }
        }
    }

    @Test
    void pgjdbcReconnectsThroughALinkFlapping200MillisecondsUpAnd100Down() throws Exception {
        try (TcpLink link = TcpLink.builder().target(postgres.address()).seed(31)
                .fault(ConnectionFault.of(Trigger.flapping(Duration.ofMillis(200), Duration.ofMillis(100)),
                        Effect.cut(CutMode.DROP_EXISTING))).build().start()) {
            String url = PostgresServer.jdbcUrl(link.address()) + "&connectTimeout=5&socketTimeout=5";
            // The application's reconnect loop, as a pool runs it: a connection that fails is replaced.
            List<String> failures = new ArrayList<>();
            int queriesAfterAReconnect = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            for (int attempt = 0; attempt < 10_000 && (failures.size() < 3 || queriesAfterAReconnect < 3); attempt++) {
                assertThat(System.nanoTime() - deadline).as("failures %s, queries after a reconnect %d", failures,
                        queriesAfterAReconnect).isNegative();
                try (Connection connection = DriverManager.getConnection(url)) {
                    for (int query = 0; query < 10_000; query++) {
                        assertThat(selectOne(connection)).isEqualTo(1);
                        if (!failures.isEmpty()) {
                            queriesAfterAReconnect++;
                        }
                    }
                } catch (SQLException e) {
                    failures.add(e.getSQLState() + " " + e.getMessage());
                }
            }
            System.out.println("pgjdbc under a link flapping 200 ms up / 100 ms down: " + failures.size()
                    + " failures " + failures.subList(0, Math.min(4, failures.size())));
            assertThat(failures).as("pgjdbc reports a cut connection as a connection exception (SQLState class 08)")
                    .allSatisfy(failure -> assertThat(failure).startsWith("08"));
            assertThat(queriesAfterAReconnect).as("queries on connections opened after a failure").isPositive();
        }
    }

    @Test
    void aLinkMirroringADownServerIsConnectionRefusedToPgjdbcAsTheServerItselfWouldBe() throws Exception {
        int dead = LocalPorts.freeTcpPort();
        try (TcpLink mirroring = TcpLink.builder().target(dead).refuseWhileTargetRefuses().build().start();
                TcpLink plain = TcpLink.builder().target(dead).build().start()) {
            assertThatThrownBy(() -> DriverManager.getConnection(PostgresServer.jdbcUrl(mirroring.address())))
                    .isInstanceOf(SQLException.class)
                    .hasMessageStartingWith("Connection to 127.0.0.1:" + mirroring.address().getPort() + " refused.")
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("08001"));
            // Without the option the link accepts and then closes, which pgjdbc reports otherwise.
            assertThatThrownBy(() -> DriverManager.getConnection(PostgresServer.jdbcUrl(plain.address())))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("refused"));
        }
    }

    private static int selectOne(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery("SELECT 1")) {
            result.next();
            return result.getInt(1);
        }
    }
}
