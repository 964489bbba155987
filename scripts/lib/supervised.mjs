// Preloaded (node --import) into every process `npm start` runs, so that none outlives it, however it ends.
// - The parent holds an IPC channel to this process. When the parent is gone (Ctrl+C, SIGTERM, SIGHUP, SIGKILL,
//   a crash), the channel closes: this process then stops as if sent SIGTERM (its own graceful stop: Next.js
//   finishes requests, local AWS saves its state), and for certain 5 seconds later.
// - Its stdout and stderr are pipes to the parent: once the parent is gone a write fails with EPIPE, which ends this
//   process quietly (before, Next.js spun on it at full CPU and kept its port).
// Only the supervisor's own children: processes they fork (Next.js build workers) inherit this preload through
// execArgv, but have their own parent and IPC channel to answer to.
if (process.channel && String(process.ppid) === process.env.GATEHOUSE_SUPERVISOR_PID) {
  process.once("disconnect", () => {
    setTimeout(() => process.exit(0), 5_000).unref();
    process.kill(process.pid, "SIGTERM");
  });
  process.channel.unref(); // the channel alone must not keep a finished process (migrations, a build) alive

  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (error) => {
      if (error.code === "EPIPE" || error.code === "ERR_STREAM_DESTROYED") process.exit(0);
      throw error;
    });
  }
}
