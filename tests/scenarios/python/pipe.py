"""A parent and a child process talk over multiprocessing.Pipe(): five
requests, each answered after 10 ms of work. Prints the messages that
crossed and the share of its time the parent spent blocked in recv()."""
import json
import multiprocessing
import time


def child(conn):
    for _ in range(5):
        request = conn.recv()
        end = time.process_time() + 0.01
        while time.process_time() < end:
            pass
        conn.send(request + 1)


if __name__ == "__main__":
    parent_end, child_end = multiprocessing.Pipe()
    worker = multiprocessing.Process(target=child, args=(child_end,))
    worker.start()
    blocked, answers = 0.0, 0
    start = time.perf_counter()
    for i in range(5):
        parent_end.send(i)
        t = time.perf_counter()
        answers += parent_end.recv() == i + 1
        blocked += time.perf_counter() - t
    wall = time.perf_counter() - start
    worker.join()
    print(json.dumps({"messages": 2 * answers, "parent_wait_share": blocked / wall,
                      "child_pid_differs": int(worker.pid != multiprocessing.current_process().pid)}))
