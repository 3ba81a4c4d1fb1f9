"""What one build may spend.  An office's customised template is code we did not write, and a document can
be huge: each limit here ends in a message naming what ran out, never in a hang or an exhausted machine.

- ``MEMORY``: the data each build process may hold (``RLIMIT_DATA``, inherited by the worker processes);
  past it Python raises ``MemoryError``, which fails the document with a message.
- ``RENDER_SECONDS``: one template render (a loop in a template has no other end).
- ``REPEAT``: the characters or items a template's ``*`` may make (``'x' * 1000000000``), and ``POWER_BITS``
  the size of a number its ``**`` may make; Jinja's sandbox already caps ``range()`` at 100,000.
- ``HTML_BYTES``: the intermediate a template may write (the 10,000-measure ledger's is 2.5 MB).
"""
from __future__ import annotations

import ctypes
import functools
import inspect
import re
import resource
import threading
from contextlib import contextmanager

from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

MEMORY = 3 * 2**30
RENDER_SECONDS = 20
RAISE_AGAIN = 0.05  # seconds between two attempts to stop a render past its time
REPEAT = 1_000_000
POWER_BITS = 10_000
HTML_BYTES = 64 * 2**20


def cap_memory(limit: int = MEMORY) -> None:
    """Caps this process's data (and so that of the workers it forks) at ``limit`` bytes; a lower cap set
    by the system stays."""
    soft, hard = resource.getrlimit(resource.RLIMIT_DATA)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    if soft == resource.RLIM_INFINITY or soft > limit:
        resource.setrlimit(resource.RLIMIT_DATA, (limit, hard))


class OverTime(Exception):
    """A render ran past its time."""


@contextmanager
def time_limit(seconds: float):
    """Raises ``OverTime`` in this thread once ``seconds`` have passed inside the block.

    A watching thread raises it asynchronously (``PyThreadState_SetAsyncExc``), between two Python
    instructions: unlike SIGALRM this works in any thread and leaves the process's signal handlers and
    timers (a test's own time box) alone."""
    target, lock, state = threading.get_ident(), threading.Lock(), {"done": False, "fired": False}
    expired = threading.Event()

    def watch() -> None:
        if expired.wait(seconds):
            return
        while True:  # raised again until it ends the block: a garbage-collector callback can swallow it
            with lock:
                if state["done"]:
                    return
                state["fired"] = True
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(target), ctypes.py_object(OverTime))
            if expired.wait(RAISE_AGAIN):
                return

    watcher = threading.Thread(target=watch, name="render-time-limit", daemon=True)
    watcher.start()
    try:
        yield
    finally:
        with lock:
            state["done"] = True
            if state["fired"]:  # raised too late to be caught inside: withdraw it if still pending
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(target), None)
        expired.set()
        watcher.join()


# A width in a format string: "%1000000000s", "{:>1000000000}"
HUGE_WIDTH = re.compile(r"(%[-#0 +]*|\{[^{}]*:[^{}]*?)\d{" + str(len(str(REPEAT)) + 1) + ",}")


def _check_arguments(args, kwargs) -> None:
    """Refuses the numbers no layout needs: a count or width above ``REPEAT`` (``'x'.center(10**9)``,
    ``lipsum(10**7)``, ``'x'|indent(10**9)``), a format string with such a width."""
    for value in (*args, *kwargs.values()):
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > REPEAT:
            raise SecurityError(f"数字 {value:,} 超过模板可用的上限 {REPEAT:,}")
        if isinstance(value, str) and HUGE_WIDTH.search(value):
            raise SecurityError(f"格式“{HUGE_WIDTH.search(value).group(0)}”的宽度超过上限 {REPEAT:,}")


def _bounded(function):
    @functools.wraps(function)  # keeps Jinja's pass_context marks
    def call(*args, **kwargs):
        _check_arguments(args, kwargs)
        return function(*args, **kwargs)
    return call


class BudgetedSandbox(SandboxedEnvironment):
    """Jinja's sandbox with bounds on what a template's operators, calls and filters may make."""

    intercepted_binops = frozenset(["*", "**", "%"])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters = {name: _bounded(function) for name, function in self.filters.items()}

    def call(self, __context, __obj, *args, **kwargs):
        # the string a method belongs to counts too: "{:>1000000000}".format(…) (the sandbox wraps str.format)
        _check_arguments((getattr(inspect.unwrap(__obj), "__self__", None), *args), kwargs)
        return super().call(__context, __obj, *args, **kwargs)

    def call_binop(self, context, operator, left, right):
        if operator == "*":
            for sequence, times in ((left, right), (right, left)):
                if isinstance(sequence, (str, list, tuple)) and isinstance(times, int) \
                        and len(sequence) * times > REPEAT:
                    raise SecurityError(f"“*”会生成 {len(sequence) * times:,} 个字符或元素，超过上限 {REPEAT:,}")
        elif operator == "**" and isinstance(left, int) and isinstance(right, int) and right > 0 \
                and abs(left) > 1 and right * abs(left).bit_length() > POWER_BITS:
            raise SecurityError(f"“**”的结果超过 {POWER_BITS:,} 位二进制数")
        elif operator == "%":
            _check_arguments((left,), {})
        return super().call_binop(context, operator, left, right)
