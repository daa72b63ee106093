"""conclab's CPython harness: runs a %%python body as N tasks under one concurrency model.

Started by magics/runners/python-runner.ts as `python3 python-harness.py EVENTS_FD`. Commands arrive
as JSON lines on stdin, events leave as JSON lines on file descriptor EVENTS_FD, so that what the
body prints goes to the cell through stdout and stderr. Times are time.monotonic_ns() in ms: the
clock of Node's process.hrtime, so the kernel can place them on its own timeline.

Commands: the setup once, then per run {"kind": "arm"} (answered "armed" once the main-loop probe's
window has begun) and {"kind": "run", "run": ID}.
Events: "ready" (or "body-error" for a body that does not compile), "task" per task, "run-done",
then "loop-delay" with the run's main-loop delay.

The harness's main thread runs an asyncio event loop, where a GUI's loop would be, and every run's
main-loop delay is measured on it (MainLoopProbe). The sync model runs its tasks on that thread,
blocking its loop as a GUI handler that computes would; asyncio's tasks are coroutines on it; the
other models hand their tasks out from a dispatcher thread, leaving the main thread free to answer.
"""

import asyncio
import http.client
import json
import multiprocessing
import os
import platform
import resource
import signal
import sys
import sysconfig
import threading
import time
import traceback
import urllib.parse
from concurrent.futures import ThreadPoolExecutor

BODY_FILE = "<conclab cell>"
BODY_FUNCTION = "__conclab_body__"
# The body is compiled inside `async def __conclab_body__(task):`, one line above its first.
WRAPPER_LINES = 1
# The main-loop probe's timer interval: Node's histogram's (magics/measure/loop-delay.ts), so that
# an idle loop reads about the same, 10 ms, in both runtimes.
PROBE_MS = 10


def runtime_info():
    gil_disabled = bool(sysconfig.get_config_var("Py_GIL_DISABLED"))
    is_gil_enabled = getattr(sys, "_is_gil_enabled", None)
    info = {
        "implementation": sys.implementation.name,
        "version": platform.python_version(),
        "build": "free-threaded" if gil_disabled else "GIL",
        "executable": sys.executable,
    }
    if is_gil_enabled is not None:
        info["gilEnabled"] = bool(is_gil_enabled())
    else:
        info["gilEnabled"] = True
    return info


def now_ms():
    return time.monotonic_ns() / 1e6


def rusage_ms():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return {"userMs": usage.ru_utime * 1000, "systemMs": usage.ru_stime * 1000}


def compile_body(body, first_cell_line):
    """The body as `async def __conclab_body__(task)`; a SyntaxError keeps the cell's line numbers."""
    lines = body.split("\n")
    if not any(line.strip() and not line.strip().startswith("#") for line in lines):
        lines.append("pass")
    source = f"async def {BODY_FUNCTION}(task):\n" + "\n".join("    " + line for line in lines) + "\n"
    namespace = {"__name__": "__conclab_cell__"}
    code = compile(source, BODY_FILE, "exec")
    exec(code, namespace)
    return namespace[BODY_FUNCTION]


def cell_line(code_line, first_cell_line):
    return code_line - WRAPPER_LINES - 1 + first_cell_line


def syntax_error_event(error, first_cell_line):
    line = cell_line(error.lineno or 1, first_cell_line)
    # The wrapper indents every line by 4 columns.
    column = max(1, (error.offset or 1) - 4)
    text = (error.text or "").rstrip("\n")
    text = text[4:] if text.startswith("    ") else text
    return {"kind": "body-error", "name": type(error).__name__, "message": error.msg, "line": line, "column": column, "text": text}


def task_error(error, first_cell_line):
    """An exception as the kernel shows a task's failure: its frames in the body at cell lines."""
    frames = []
    for frame in traceback.extract_tb(error.__traceback__):
        if frame.filename != BODY_FILE:
            continue
        name = "task body" if frame.name == BODY_FUNCTION else frame.name
        frames.append(f"    at {name} (cell line {cell_line(frame.lineno, first_cell_line)})")
    # Innermost first, as the Node magics' stacks read.
    frames.reverse()
    name = type(error).__name__
    message = str(error)
    if isinstance(error, SystemExit):
        message = f"the task called sys.exit({error.code!r}); it ended only this task"
    return {"name": name, "message": message, "stack": "\n".join([f"{name}: {message}", *frames])}


class _Done:
    """What a blocking helper returns, so that `await task.sleep(ms)` reads the same in every model."""

    __slots__ = ("value",)

    def __init__(self, value=None):
        self.value = value

    def __await__(self):
        return self.value
        yield  # a generator that returns at once


class Response:
    def __init__(self, status, body):
        self.status = status
        self.body = body
        self.bytes = len(body.encode())

    def __repr__(self):
        return f"Response(status={self.status}, bytes={self.bytes})"


class Server:
    """task.server: GETs from conclab's loopback HTTP server."""

    def __init__(self, address, blocking):
        self.url = address["url"]
        self._blocking = blocking
        parsed = urllib.parse.urlsplit(self.url)
        self._host, self._port = parsed.hostname, parsed.port

    def _target(self, path, latency_ms, bytes):
        query = {k: v for k, v in (("latency", latency_ms), ("bytes", bytes)) if v is not None}
        return path + ("?" + urllib.parse.urlencode(query) if query else "")

    def get_blocking(self, path="/", latency_ms=None, bytes=None):
        """Blocks this thread until the response is in (releasing the GIL while it waits)."""
        connection = http.client.HTTPConnection(self._host, self._port)
        try:
            connection.request("GET", self._target(path, latency_ms, bytes))
            response = connection.getresponse()
            return Response(response.status, response.read().decode())
        finally:
            connection.close()

    def get(self, path="/", latency_ms=None, bytes=None):
        """`await task.server.get()`: non-blocking under asyncio, a blocking request in the other models."""
        if self._blocking:
            return _Done(self.get_blocking(path, latency_ms, bytes))
        return self._get_async(self._target(path, latency_ms, bytes))

    async def _get_async(self, target):
        reader, writer = await asyncio.open_connection(self._host, self._port)
        try:
            writer.write(f"GET {target} HTTP/1.0\r\nHost: {self._host}\r\n\r\n".encode())
            await writer.drain()
            raw = await reader.read()
        finally:
            writer.close()
        head, _, body = raw.partition(b"\r\n\r\n")
        return Response(int(head.split(b" ", 2)[1]), body.decode())


class Task:
    """The `task` a body gets: the same helpers, with the same meaning, as the Node magics' task."""

    def __init__(self, index, scope):
        self.index = index
        self._scope = scope

    @property
    def count(self):
        return self._scope.count

    @property
    def input(self):
        return self._scope.input

    @property
    def thread_id(self):
        return threading.get_native_id()

    @property
    def pid(self):
        return os.getpid()

    @property
    def server(self):
        if self._scope.server is None:
            raise RuntimeError("task.server is not running: the kernel starts it when the body mentions `server` (write task.server in the body)")
        return self._scope.server

    def sleep(self, ms):
        """asyncio: asyncio.sleep. Elsewhere time.sleep, which blocks this thread and releases the GIL."""
        if self._scope.blocking:
            time.sleep(ms / 1000)
            return _Done()
        return asyncio.sleep(ms / 1000)

    def spin(self, ms):
        """Pure-Python busy work (holding the GIL) until this thread has used ms of CPU time."""
        until = time.thread_time_ns() + ms * 1e6
        while time.thread_time_ns() < until:
            for _ in range(200):
                pass


class Scope:
    def __init__(self, setup, blocking):
        self.count = setup["count"]
        self.input = setup.get("input")
        self.blocking = blocking
        server = setup.get("server")
        self.server = Server(server, blocking) if server else None


def run_coroutine_here(coroutine):
    """Runs an `async def` body with no event loop: the blocking helpers never suspend it."""
    try:
        while True:
            yielded = coroutine.send(None)
            if yielded is not None:
                coroutine.close()
                raise RuntimeError("the body awaited something that needs an event loop; only --model asyncio has one (in this model await task.sleep and task.server.get, which block the thread)")
    except StopIteration as done:
        return done.value


def outcome(index, lane, start, value, error, first_cell_line, extra=None):
    end = now_ms()
    event = {"kind": "task", "index": index, "lane": lane, "start": start, "end": end}
    if error is not None:
        event["error"] = task_error(error, first_cell_line)
    else:
        try:
            json.dumps(value)
            event["value"] = value
        except (TypeError, ValueError) as e:
            event["error"] = {"name": "TypeError", "message": f"the task returned a value JSON cannot carry ({type(value).__name__}): {e}", "stack": ""}
    if extra:
        event.update(extra)
    return event


def run_blocking_task(body, index, scope, first_cell_line):
    """One task in the calling thread; its span is taken in this frame around the body."""
    lane = threading.get_native_id()
    cpu_start = time.thread_time_ns()
    start = now_ms()
    value = error = None
    try:
        value = run_coroutine_here(body(Task(index, scope)))
    except BaseException as e:  # SystemExit too: it ends this task, not the harness
        error = e
    event = outcome(index, lane, start, value, error, first_cell_line)
    event["cpuMs"] = (time.thread_time_ns() - cpu_start) / 1e6
    return event


async def run_async_task(body, index, scope, first_cell_line):
    start = now_ms()
    value = error = None
    try:
        value = await body(Task(index, scope))
    except BaseException as e:
        if isinstance(e, (KeyboardInterrupt, asyncio.CancelledError)):
            raise
        error = e
    return outcome(index, threading.get_native_id(), start, value, error, first_cell_line)


class Events:
    def __init__(self, fd):
        self._file = os.fdopen(fd, "w", buffering=1)
        self._lock = threading.Lock()

    def send(self, event):
        line = json.dumps(event) + "\n"
        with self._lock:
            self._file.write(line)


# --- the models -------------------------------------------------------------------------------


class MainLoopProbe:
    """How late the main thread's event loop answers, as Node's monitorEventLoopDelay reads it: a
    timer every PROBE_MS records each interval between its ticks (an idle loop reads about PROBE_MS,
    a loop blocked for 300 ms an interval of about 300 ms). A window begins at a tick, before the
    run is sent (begin), and ends at the first tick after the run (end), so a block at either end
    of the work is counted; the waits for those ticks are outside the run's wall time."""

    def __init__(self):
        self.intervals = []
        self.ticked = asyncio.Event()
        # Kept: the event loop holds its tasks only by weak reference.
        self.ticker = asyncio.ensure_future(self.tick())

    async def tick(self):
        last = time.monotonic_ns()
        while True:
            await asyncio.sleep(PROBE_MS / 1000)
            now = time.monotonic_ns()
            self.intervals.append((now - last) / 1e6)
            last = now
            self.ticked.set()

    async def next_tick(self):
        self.ticked.clear()
        await self.ticked.wait()

    async def begin(self):
        await self.next_tick()
        self.intervals = []

    async def end(self):
        await self.next_tick()
        ordered = sorted(self.intervals)
        rank = lambda p: ordered[max(0, -(-p * len(ordered) // 100) - 1)]
        return {"p50": rank(50), "p99": rank(99), "max": ordered[-1]}


class SyncModel:
    blocking = True

    def __init__(self, setup, body, events):
        self.setup, self.body, self.events = setup, body, events
        self.scope = Scope(setup, self.blocking)

    def start(self):
        return {"what": "the harness's main thread", "lanes": 1}

    async def run_on_main_loop(self):
        """On the main thread, blocking its loop until every task is done."""
        self.run()

    def run(self):
        for index in range(self.scope.count):
            self.events.send(run_blocking_task(self.body, index, self.scope, self.setup["firstLine"]))


class DispatchedModel(SyncModel):
    """A model whose tasks run on other threads or processes: run() hands them out from a
    dispatcher thread (started with the model, not in a run), and the main loop stays free."""

    def __init__(self, setup, body, events):
        super().__init__(setup, body, events)
        self.dispatcher = ThreadPoolExecutor(max_workers=1)
        self.dispatcher.submit(lambda: None).result()

    async def run_on_main_loop(self):
        await asyncio.get_running_loop().run_in_executor(self.dispatcher, self.run)


class AsyncioModel(SyncModel):
    blocking = False

    def start(self):
        return {"what": "one asyncio event loop", "lanes": 1}

    async def run_on_main_loop(self):
        count, first = self.scope.count, self.setup["firstLine"]
        limit = self.setup.get("concurrency") or count
        next_index = iter(range(count))

        async def worker():
            for index in next_index:
                self.events.send(await run_async_task(self.body, index, self.scope, first))

        await asyncio.gather(*(worker() for _ in range(min(limit, count))))


class ThreadsModel(DispatchedModel):
    def start(self):
        workers = self.setup["workers"]
        self.pool = ThreadPoolExecutor(max_workers=workers)
        # Every thread started now, so that the runs do not pay for it.
        started = threading.Barrier(workers)
        list(self.pool.map(lambda _: started.wait(), range(workers)))
        return {"what": f"a ThreadPoolExecutor of {workers} threads", "lanes": workers}

    def run(self):
        first = self.setup["firstLine"]
        task = lambda index: self.events.send(run_blocking_task(self.body, index, self.scope, first))
        for future in [self.pool.submit(task, index) for index in range(self.scope.count)]:
            future.result()


class SpawnModel(DispatchedModel):
    def start(self):
        return None

    def run(self):
        first, workers = self.setup["firstLine"], self.setup["workers"]
        free = threading.Semaphore(workers)
        threads = []

        def task(index, created):
            try:
                event = run_blocking_task(self.body, index, self.scope, first)
                event["createdAt"] = created
                self.events.send(event)
            finally:
                free.release()

        for index in range(self.scope.count):
            free.acquire()
            thread = threading.Thread(target=task, args=(index, now_ms()), daemon=True)
            thread.start()
            threads.append(thread)
        for thread in threads:
            thread.join()


def process_worker(connection, setup):
    """A worker process of --model processes: runs the tasks it is sent, one at a time."""
    body = compile_body(setup["body"], setup["firstLine"])
    scope = Scope(setup, True)
    connection.send({"kind": "worker-ready", "pid": os.getpid(), "cpu": rusage_ms()})
    while True:
        try:
            index = connection.recv()
        except EOFError:  # the harness ended
            return
        event = run_blocking_task(body, index, scope, setup["firstLine"])
        event["cpu"] = rusage_ms()
        connection.send(event)


class ProcessWorker:
    def __init__(self, context, setup):
        self.connection, child = context.Pipe()
        self.process = context.Process(target=process_worker, args=(child, setup), daemon=True)
        self.process.start()
        child.close()
        ready = self.connection.recv()
        self.pid = ready["pid"]
        self.cpu = ready["cpu"]
        self.cpu_at_run_start = ready["cpu"]


class ProcessesModel(DispatchedModel):
    """W worker processes fed one task at a time. A worker that dies (sys.exit, os._exit, a crash)
    fails its task alone and is replaced; ProcessPoolExecutor would break the whole pool instead."""

    def start(self):
        # forkserver: workers fork from a clean single-threaded server, not from this harness,
        # whose threads' locks a fork would copy; a replacement is one fork, not a new interpreter.
        self.context = multiprocessing.get_context("forkserver")
        workers = self.setup["workers"]
        self.workers = [ProcessWorker(self.context, self.setup) for _ in range(workers)]
        self.announce()
        return {"what": f"{workers} worker process{'es' if workers != 1 else ''} (multiprocessing, forkserver)", "lanes": workers}

    def announce(self):
        self.events.send({"kind": "processes", "pids": [w.pid for w in self.workers]})

    def run(self):
        from multiprocessing.connection import wait

        count = self.scope.count
        for worker in self.workers:
            worker.cpu_at_run_start = worker.cpu
        queue = list(range(count))
        queue.reverse()
        busy = {}
        while queue or busy:
            for worker in self.workers:
                if worker not in busy.values() and queue:
                    index = queue.pop()
                    busy[worker.connection] = worker
                    worker.task = (index, now_ms())
                    worker.connection.send(index)
            ready = wait(list(busy.keys()) + [w.process.sentinel for w in busy.values()])
            for worker in list(busy.values()):
                if worker.connection not in ready and worker.process.sentinel not in ready:
                    continue
                del busy[worker.connection]
                try:
                    event = worker.connection.recv()
                except (EOFError, OSError):
                    self.lost(worker)
                    continue
                worker.cpu = event.pop("cpu")
                self.events.send(event)

    def lost(self, worker):
        worker.process.join()
        index, start = worker.task
        code = worker.process.exitcode
        cause = f"it exited with code {code}" if code is not None and code >= 0 else f"it was killed by signal {-code}"
        message = f"the task ended its worker process {worker.pid} ({cause}); that ends only its process, never the harness, and a new process replaced it"
        self.events.send({"kind": "task", "index": index, "lane": worker.pid, "start": start, "end": now_ms(), "error": {"name": "LaneExitError", "message": message, "stack": f"LaneExitError: {message}"}})
        self.workers[self.workers.index(worker)] = ProcessWorker(self.context, self.setup)
        self.announce()

    def lanes(self):
        return [{"lane": w.pid, "userMs": w.cpu["userMs"] - w.cpu_at_run_start["userMs"], "systemMs": w.cpu["systemMs"] - w.cpu_at_run_start["systemMs"]} for w in self.workers]


MODELS = {"sync": SyncModel, "asyncio": AsyncioModel, "threads": ThreadsModel, "spawn": SpawnModel, "processes": ProcessesModel}


def end_with_the_kernel():
    """The harness leads a process group of its own, apart from the kernel's: should the kernel die
    without ending it, it ends its whole group (workers, forkserver) within half a second."""
    kernel = os.getppid()

    def watch():
        while os.getppid() == kernel:
            time.sleep(0.5)
        os.killpg(0, signal.SIGKILL)

    threading.Thread(target=watch, daemon=True).start()


async def serve(events):
    commands = asyncio.StreamReader()
    loop = asyncio.get_running_loop()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(commands), sys.stdin)
    setup = json.loads(await commands.readline())
    try:
        body = compile_body(setup["body"], setup["firstLine"])
    except SyntaxError as e:
        events.send(syntax_error_event(e, setup["firstLine"]))
        return
    model = MODELS[setup["model"]](setup, body, events)
    started = model.start()
    probe = MainLoopProbe()
    events.send({"kind": "ready", "pid": os.getpid(), "runtime": runtime_info(), "startup": started})
    while line := await commands.readline():
        command = json.loads(line)
        if command["kind"] == "arm":
            await probe.begin()
            events.send({"kind": "armed"})
        elif command["kind"] == "run":
            before = rusage_ms()
            await model.run_on_main_loop()
            after = rusage_ms()
            done = {"kind": "run-done", "run": command["run"], "cpu": {"userMs": after["userMs"] - before["userMs"], "systemMs": after["systemMs"] - before["systemMs"]}}
            if isinstance(model, ProcessesModel):
                done["workers"] = model.lanes()
            events.send(done)
            events.send({"kind": "loop-delay", "run": command["run"], "loopDelayMs": await probe.end()})


def main():
    end_with_the_kernel()
    asyncio.run(serve(Events(int(sys.argv[1]))))


if __name__ == "__main__":
    main()
