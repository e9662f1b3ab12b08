"""CPU-bound work done one after another, in threads and in processes.

Prints one line of JSON: the wall time of each way, its speed-up over the
sequential run, and its parallelism (CPU seconds per wall second).
"""
import json
import multiprocessing
import resource
import threading
import time

TASKS = 4


def work(n=1_000_000):
    total = 0
    for i in range(n):
        total += i * i
    return total


def cpu_seconds():
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def measure(run):
    cpu, start = cpu_seconds(), time.perf_counter()
    run()
    wall = time.perf_counter() - start
    return wall, (cpu_seconds() - cpu) / wall


def sequential():
    for _ in range(TASKS):
        work()


def side_by_side(kind):
    workers = [kind(target=work) for _ in range(TASKS)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()


if __name__ == "__main__":
    seq, _ = measure(sequential)
    threads, threads_par = measure(lambda: side_by_side(threading.Thread))
    procs, procs_par = measure(lambda: side_by_side(multiprocessing.Process))
    print(json.dumps({
        "thread_speedup": seq / threads,
        "process_speedup": seq / procs,
        "thread_parallelism": threads_par,
        "process_parallelism": procs_par,
    }))
