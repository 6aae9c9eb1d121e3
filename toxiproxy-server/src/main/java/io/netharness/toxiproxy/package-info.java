/**
 * A Toxiproxy-compatible server on the NetHarness simulator.
 *
 * <p>{@link io.netharness.toxiproxy.ToxiproxyServer} speaks Toxiproxy 2.x's HTTP API and by default answers as
 * Toxiproxy 2.12 does wherever a client could tell: the same routes, JSON, status codes, headers and error bodies
 * ({@code {"error":"proxy not found","status":404}}), the same toxic names and effects, so Toxiproxy clients and
 * their test suites work unchanged; {@code strict} adds NetHarness's own validation. {@link io.netharness.toxiproxy.ServerCommandLine} runs it from the command line
 * ({@code java -jar netharness.jar serve}). {@link io.netharness.toxiproxy.ToxiproxyLink} goes the other way: a
 * {@link io.netharness.simulator.Link} served by a real Toxiproxy through toxiproxy-java.
 *
 * <h2>Extensions</h2>
 * Clients that do not know them can ignore them: they are extra fields in answers and optional fields in
 * requests.
 * <ul>
 *   <li>{@code "protocol": "udp"} on {@code POST /proxies} creates a UDP proxy (default {@code "tcp"}); answers
 *       always carry {@code protocol}.</li>
 *   <li>{@code "seed": 42} on {@code POST /proxies} fixes the seed of every random decision of the proxy (jitter,
 *       toxicity, slicer sizes, losses); without it a seed is drawn and reported. Answers always carry
 *       {@code seed} and {@code seed_string} (the same as a string, for clients whose numbers are doubles);
 *       requests may give either.</li>
 *   <li>Every answer carries NetHarness's version in the header {@code X-Netharness-Version}.</li>
 *   <li>Toxic types for UDP proxies, acting per datagram, with probabilities 0.0–1.0:
 *       {@code loss} ({@code probability}, {@code correlation}), {@code gilbert_elliott} ({@code p}, {@code r},
 *       {@code loss_in_good}, {@code loss_in_bad}), {@code four_state} ({@code p13}, {@code p31}, {@code p32},
 *       {@code p23}, {@code p14}), {@code duplicate} ({@code probability}, {@code correlation}),
 *       {@code reorder} ({@code probability}, {@code gap} datagrams, {@code max_hold} ms), {@code corrupt}
 *       ({@code probability}). {@code latency} and {@code bandwidth} apply to UDP proxies too. On a UDP proxy
 *       {@code toxicity} must be 0 or 1.</li>
 *   <li>{@code GET /proxies/{proxy}/statistics}: per direction the bytes and datagrams (TCP: chunks) that arrived
 *       and left, drops, duplicates, reorders, corruptions and the delay distribution.</li>
 * </ul>
 *
 * <h2>Toxicity and bandwidth</h2>
 * As in Toxiproxy, each TCP connection has a toxic chain of its own: a toxic with toxicity 0.3 is in force on about
 * 30% of the connections, decided per connection (and per toxic value) from the proxy's seed, so the same seed and the
 * same order of connections pick the same ones; a {@code bandwidth} toxic limits every connection to its rate
 * separately.
 *
 * <h2>Differences from Toxiproxy</h2>
 * The module's README keeps the table of every difference that remains, each with its reason (half-closes pass
 * through; bandwidth paces bytes, not whole reads; slicer sizes; seeded toxicity; hardening of reset, disabled
 * proxies and names with {@code /}).
 */
package io.netharness.toxiproxy;
