"""Run SPARQL queries in worker processes that can be killed, with a timeout and a size cap.

Why processes: Oxigraph evaluates a query inside native code that no thread can
interrupt, so a query past its timeout would go on using a core after its client got an
error. A worker process is killed instead and replaced. Each worker opens the on-disk
store read-only once (many processes may read one store) and answers with the complete
serialised result, so the HTTP layer knows the status before it sends a byte: a slow or
oversized query gets an error status, never a 200 with a truncated body.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import threading
from dataclasses import dataclass

from kg.sparql.negotiation import GRAPH_OFFERS, SOLUTION_OFFERS, choose

#: Default seconds a query may run before its worker is killed.
DEFAULT_TIMEOUT = 10.0
#: Default cap on a serialised result, in bytes.
DEFAULT_MAX_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class Answer:
    """An HTTP-ready answer: status, content type and the complete body."""

    status: int
    content_type: str
    body: bytes

    @classmethod
    def error(cls, status: int, message: str) -> Answer:
        return cls(status, "text/plain; charset=utf-8", (message.rstrip() + "\n").encode("utf-8"))


class _TooLarge(Exception):
    pass


class _CappedBuffer:
    """A write-only byte buffer that refuses to grow past ``limit`` (stops serialisation)."""

    def __init__(self, limit: int):
        self.limit, self.parts, self.size = limit, [], 0

    def write(self, data: bytes) -> int:
        self.size += len(data)
        if self.size > self.limit:
            raise _TooLarge()
        self.parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass

    def getvalue(self) -> bytes:
        return b"".join(self.parts)


def syntax_message(query: str, error: Exception) -> str:
    """The parser's message with the offending line and a caret under the column.

    Examples
    --------
    >>> print(syntax_message("SELECT * WHERE {\\n  ?s ?p\\n}", SyntaxError("error at 3:1: expected ?")))
    SPARQL syntax error: error at 3:1: expected ?
      line 3: }
              ^
    """
    import re

    text = " ".join(str(error).split())
    if len(text) > 240:  # "expected one of" may list every Unicode range a name can hold
        text = text[:240].rsplit(",", 1)[0] + ", …"
    message = f"SPARQL syntax error: {text}"
    where = re.match(r"error at (\d+):(\d+)", str(error))
    lines = query.splitlines()
    if where:
        line, column = int(where.group(1)), int(where.group(2))
        if 0 < line <= len(lines):
            prefix = f"  line {line}: "
            message += f"\n{prefix}{lines[line - 1]}\n{' ' * (len(prefix) + max(column - 1, 0))}^"
        else:
            message += f"\n  line {line}: the query ended too early"
    return message


def evaluate(store, request: dict, prefixes: dict[str, str], max_bytes: int) -> Answer:
    """Run one query on ``store`` and serialise all of it in the negotiated format."""
    import pyoxigraph

    options = {}
    if request.get("default_graph"):
        options["default_graph"] = [pyoxigraph.NamedNode(g) for g in request["default_graph"]]
    if request.get("named_graphs"):
        options["named_graphs"] = [pyoxigraph.NamedNode(g) for g in request["named_graphs"]]
    try:
        result = store.query(request["query"], prefixes=prefixes, **options)
    except SyntaxError as error:
        return Answer.error(400, syntax_message(request["query"], error))
    except ValueError as error:  # a malformed graph IRI
        return Answer.error(400, f"bad request: {error}")
    graph = isinstance(result, pyoxigraph.QueryTriples)
    offers = GRAPH_OFFERS if graph else SOLUTION_OFFERS
    offer = choose(request.get("accept"), offers)
    if offer is None:
        return Answer.error(406, "none of the accepted types fits this query's answer; "
                                 "offered: " + ", ".join(o.media_type for o in offers))
    buffer = _CappedBuffer(max_bytes)
    try:
        result.serialize(buffer, format=offer.format)
    except _TooLarge:  # raised by the buffer's write, through pyoxigraph
        return Answer.error(500, f"the result is larger than this endpoint's cap of {max_bytes:,} "
                                 "bytes; ask for fewer rows (LIMIT) or fewer columns")
    except (OSError, RuntimeError, ValueError) as error:  # e.g. an evaluation error mid-way
        return Answer.error(500, f"query failed: {error}")
    return Answer(200, offer.content_type, buffer.getvalue())


def _work(connection, store_path: str, prefixes: dict[str, str], max_bytes: int) -> None:
    """A worker's loop: open the store once, then answer one request at a time."""
    import pyoxigraph

    store = pyoxigraph.Store.read_only(store_path)
    connection.send("ready")
    while True:
        try:
            request = connection.recv()
        except EOFError:
            return
        try:
            answer = evaluate(store, request, prefixes, max_bytes)
        except Exception as error:  # never let one query take the worker down silently
            answer = Answer.error(500, f"query failed: {type(error).__name__}: {error}")
        connection.send(answer)


class _Worker:
    def __init__(self, context, store_path: str, prefixes: dict[str, str], max_bytes: int):
        self.connection, child = context.Pipe()
        self.process = context.Process(target=_work, args=(child, store_path, prefixes, max_bytes),
                                       daemon=True)
        self.process.start()
        child.close()
        if not self.connection.poll(120) or self.connection.recv() != "ready":
            self.kill()
            raise RuntimeError(f"a query worker could not open the store {store_path}")

    def kill(self) -> None:
        self.process.kill()
        self.process.join()
        self.connection.close()


class QueryPool:
    """A fixed number of query workers over one on-disk store, shared by request threads.

    A request waits for an idle worker (up to ``timeout``), sends the query and waits for
    the answer up to ``timeout``; past it the worker is killed, a fresh one takes its
    place and the request is answered ``503``.
    """

    def __init__(self, store_path: str | os.PathLike, *, workers: int = 2,
                 timeout: float = DEFAULT_TIMEOUT, max_bytes: int = DEFAULT_MAX_BYTES,
                 prefixes: dict[str, str] | None = None):
        from kg.sparql.query import PREFIXES

        self.store_path, self.timeout, self.max_bytes = str(store_path), timeout, max_bytes
        self.prefixes = dict(PREFIXES if prefixes is None else prefixes)
        self._context = multiprocessing.get_context("spawn")  # no fork from a threaded server
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: list[_Worker] = []
        self._lock = threading.Lock()
        for _ in range(max(workers, 1)):
            self._add()

    def _add(self) -> None:
        worker = _Worker(self._context, self.store_path, self.prefixes, self.max_bytes)
        with self._lock:
            self._all.append(worker)
        self._idle.put(worker)

    def run(self, query: str, accept: str | None = None, default_graph: list[str] = (),
            named_graphs: list[str] = ()) -> Answer:
        """Answer one query completely, or with an error status."""
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            return Answer.error(503, f"every query worker stayed busy for {self.timeout:g} s; retry later")
        request = {"query": query, "accept": accept, "default_graph": list(default_graph),
                   "named_graphs": list(named_graphs)}
        try:
            worker.connection.send(request)
            if worker.connection.poll(self.timeout):
                answer = worker.connection.recv()
                self._idle.put(worker)
                return answer
        except (EOFError, OSError):
            pass
        self._replace(worker)
        return Answer.error(503, f"the query ran past this endpoint's timeout of {self.timeout:g} s "
                                 "and was stopped")

    def _replace(self, worker: _Worker) -> None:
        worker.kill()
        with self._lock:
            self._all.remove(worker)
        self._add()

    def close(self) -> None:
        """Stop every worker."""
        with self._lock:
            workers, self._all = self._all, []
        for worker in workers:
            worker.kill()
