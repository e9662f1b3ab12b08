"""I/O-bound work (four 100 ms blocking waits) one after another, in
threads, in asyncio tasks and in processes. Prints each wall time over
the sequential one."""
import asyncio
import json
import multiprocessing
import threading
import time

TASKS = 4
WAIT = 0.1


def fetch():
    time.sleep(WAIT)


async def fetch_async():
    await asyncio.sleep(WAIT)


async def gather():
    await asyncio.gather(*(fetch_async() for _ in range(TASKS)))


def side_by_side(kind):
    workers = [kind(target=fetch) for _ in range(TASKS)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()


def timed(run):
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


if __name__ == "__main__":
    seq = timed(lambda: [fetch() for _ in range(TASKS)])
    print(json.dumps({
        "threads": timed(lambda: side_by_side(threading.Thread)) / seq,
        "async": timed(lambda: asyncio.run(gather())) / seq,
        "processes": timed(lambda: side_by_side(multiprocessing.Process)) / seq,
    }))
