"""Producers and consumers around a bounded queue.Queue(4).

fast-producers: two producers put an item every 5 ms, one consumer takes
15 ms per item. fast-consumers: one producer every 15 ms, two consumers of
5 ms. Prints the deepest the queue got and the share of their time the
producers spent blocked in put and the consumers blocked in get.
"""
import json
import queue
import sys
import threading
import time

SETUPS = {
    # producers, items each, pause; consumers, items each, work
    "fast-producers": (2, 10, 0.005, 1, 20, 0.015),
    "fast-consumers": (1, 20, 0.015, 2, 10, 0.005),
}


def producer(jobs, items, pause, blocked):
    for i in range(items):
        time.sleep(pause)
        start = time.perf_counter()
        jobs.put(i)
        blocked.append(time.perf_counter() - start)


def consumer(jobs, items, work, blocked, depth):
    for _ in range(items):
        start = time.perf_counter()
        jobs.get()
        blocked.append(time.perf_counter() - start)
        depth.append(jobs.qsize() + 1)
        time.sleep(work)
        jobs.task_done()


def run(setup):
    n_prod, p_items, pause, n_cons, c_items, work = SETUPS[setup]
    jobs = queue.Queue(maxsize=4)
    put_blocked, get_blocked, depth = [], [], []
    threads = [threading.Thread(target=producer, args=(jobs, p_items, pause, put_blocked))
               for _ in range(n_prod)]
    threads += [threading.Thread(target=consumer, args=(jobs, c_items, work, get_blocked, depth))
                for _ in range(n_cons)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads[:n_prod]:
        t.join()
    jobs.join()  # returns once every item got its task_done()
    wall = time.perf_counter() - start
    for t in threads:
        t.join()
    return {
        "max_depth": max(depth),
        "capacity": jobs.maxsize,
        "producer_wait_share": sum(put_blocked) / (n_prod * wall),
        "consumer_wait_share": sum(get_blocked) / (n_cons * wall),
        "items": len(depth),
    }


if __name__ == "__main__":
    print(json.dumps(run(sys.argv[1])))
