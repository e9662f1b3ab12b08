"""Six CPU-bound processes on the machine's cores.

Each process reports its wall time and its CPU time; the rest of its wall
time it was runnable but had no core. Prints the mean share of that.
"""
import json
import multiprocessing
import os
import time

PROCESSES = 6


def work(results):
    wall, cpu = time.perf_counter(), time.process_time()
    total = 0
    for i in range(1_500_000):
        total += i * i
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    results.put(1.0 - cpu / wall)


if __name__ == "__main__":
    results = multiprocessing.Queue()
    procs = [multiprocessing.Process(target=work, args=(results,)) for _ in range(PROCESSES)]
    for p in procs:
        p.start()
    waits = [results.get() for _ in procs]
    for p in procs:
        p.join()
    print(json.dumps({
        "processes": PROCESSES,
        "cores": os.cpu_count(),
        "ready_share": sum(waits) / len(waits),
    }))
