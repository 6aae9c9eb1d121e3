// Drives a Toxiproxy API with the unmodified npm client toxiproxy-node-client and prints one JSON line per step
// ({"step": ..., "value": ...}); the Java test that runs it checks the values. Arguments: the client package's
// directory, the API URL, the upstream host:port of an echo server.
"use strict";
const net = require("net");
const [clientDirectory, api, upstream] = process.argv.slice(2);
const { Toxiproxy } = require(clientDirectory);

const TIMEOUT_MS = 10000;

function report(step, value) {
  process.stdout.write(JSON.stringify({ step, value }) + "\n");
}

function hostAndPort(listen) {
  const colon = listen.lastIndexOf(":");
  return { host: listen.substring(0, colon), port: Number(listen.substring(colon + 1)) };
}

// On one connection, a first byte to the echo and back (it also carries the connection's set-up), then five more,
// one after the other; resolves with the fastest of the five in milliseconds (a machine busy with other work
// stretches single round trips by hundreds of milliseconds, never shortens one below the proxy's latency), or with
// the error's code.
function roundTrip(listen) {
  return new Promise((resolve) => {
    const { host, port } = hostAndPort(listen);
    const socket = net.connect({ host, port });
    socket.setNoDelay(true);
    socket.setTimeout(TIMEOUT_MS, () => socket.destroy(new Error("ETIMEDOUT")));
    const timed = 5;
    let start;
    let echoes = 0;
    let fastest = Infinity;
    socket.on("connect", () => {
      socket.write("x");
    });
    socket.on("data", (data) => {
      for (let i = 0; i < data.length; i++) {
        echoes++;
        if (echoes > 1) {
          fastest = Math.min(fastest, Number(process.hrtime.bigint() - start) / 1e6);
        }
        if (echoes > timed) {
          socket.end();
          resolve({ millis: fastest });
          return;
        }
        start = process.hrtime.bigint();
        socket.write("y");
      }
    });
    socket.on("error", (error) => resolve({ error: error.code || error.message }));
    socket.on("close", () => resolve({ error: "closed without an echo" }));
  });
}

async function failure(action) {
  try {
    await action();
    return "no error";
  } catch (error) {
    return error.message;
  }
}

async function main() {
  const toxiproxy = new Toxiproxy(api);
  report("version", await toxiproxy.getVersion());

  const proxy = await toxiproxy.createProxy({ name: "node_echo", listen: "127.0.0.1:0", upstream });
  report("created", proxy.toJson());
  report("plain", await roundTrip(proxy.listen));

  const latency = await proxy.addToxic({
    name: "slow", type: "latency", stream: "downstream", toxicity: 1, attributes: { latency: 100, jitter: 0 },
  });
  report("toxic", latency.toJson());
  report("with latency 100", await roundTrip(proxy.listen));

  const updated = await latency.update({
    name: "slow", type: "latency", stream: "downstream", toxicity: 1, attributes: { latency: 200, jitter: 0 },
  });
  report("updated", updated.toJson());
  report("with latency 200", await roundTrip(proxy.listen));
  report("fetched toxic", (await proxy.getToxic("slow")).toJson());

  await latency.remove();
  report("after removal", await roundTrip(proxy.listen));

  await proxy.addToxic({
    name: "narrow", type: "bandwidth", stream: "upstream", toxicity: 1, attributes: { rate: 100 },
  });
  const disabled = await proxy.update({ enabled: false, listen: proxy.listen, upstream });
  report("disabled", disabled.toJson());
  report("while disabled", await roundTrip(proxy.listen));
  await toxiproxy.reset();
  report("after reset", (await toxiproxy.get("node_echo")).toJson());
  report("toxic after reset", await failure(() => proxy.getToxic("narrow")));

  const populated = await toxiproxy.populate([{ name: "node_populated", listen: "127.0.0.1:0", upstream }]);
  report("populated", Object.keys(populated).sort());
  report("all", Object.keys(await toxiproxy.getAll()).sort());

  report("duplicate", await failure(() =>
    toxiproxy.createProxy({ name: "node_echo", listen: "127.0.0.1:0", upstream })));
  report("missing", await failure(() => toxiproxy.get("no_such_proxy")));
  report("unknown toxic type", await failure(() => proxy.addToxic({
    name: "odd", type: "no_such_type", stream: "downstream", toxicity: 1, attributes: {},
  })));

  for (const name of Object.keys(await toxiproxy.getAll())) {
    await (await toxiproxy.get(name)).remove();
  }
  report("left", Object.keys(await toxiproxy.getAll()));
}

main().then(
  () => report("done", true),
  (error) => {
    report("failed", String(error && error.stack || error));
    process.exitCode = 1;
  });
