"""Start-up cost: the time from start() to the first line of the target,
for eight threads and eight processes. Prints the fastest of each in ms:
what starting costs at the least, without the waits for a core that a busy
machine adds."""
import json
import multiprocessing
import threading
import time

COUNT = 8


def first_step(started, queue):
    queue.put(time.monotonic() - started)


def start_costs(make, queue):
    costs = []
    for _ in range(COUNT):
        worker = make(target=first_step, args=(time.monotonic(), queue))
        worker.start()
        costs.append(queue.get() * 1000)
        worker.join()
    return min(costs)


if __name__ == "__main__":
    import queue as thread_queue
    thread_ms = start_costs(threading.Thread, thread_queue.SimpleQueue())
    process_ms = start_costs(multiprocessing.Process, multiprocessing.SimpleQueue())
    print(json.dumps({"thread_start_ms": thread_ms, "process_start_ms": process_ms,
                      "ratio": process_ms / max(thread_ms, 1e-6)}))
