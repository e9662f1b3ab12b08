"""Semaphore, Event and Barrier as the scenarios use them.

semaphore: six threads, a Semaphore(2), 50 ms of I/O inside: prints the
most threads inside at once. event: three threads wait for an Event that
is set after 50 ms: prints how many woke before it was set and the spread
of their wake-ups. barrier: three threads arrive after 10, 30 and 60 ms:
prints the spread of the arrivals and of the departures."""
import json
import sys
import threading
import time


def run_all(targets):
    threads = [threading.Thread(target=t) for t in targets]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def semaphore():
    slots, lock, inside = threading.Semaphore(2), threading.Lock(), [0, 0]

    def client():
        with slots:
            with lock:
                inside[0] += 1
                inside[1] = max(inside[1], inside[0])
            time.sleep(0.05)
            with lock:
                inside[0] -= 1

    run_all([client] * 6)
    return {"max_inside": inside[1]}


def event():
    go, woke, set_at = threading.Event(), [], []

    def runner():
        go.wait()
        woke.append(time.perf_counter())

    def starter():
        time.sleep(0.05)
        set_at.append(time.perf_counter())
        go.set()

    run_all([runner] * 3 + [starter])
    return {"woke_early": sum(t < set_at[0] for t in woke), "woke": len(woke),
            "spread_s": max(woke) - min(woke)}


def barrier():
    phase, arrived, left = threading.Barrier(3), [], []

    def worker(pause):
        def run():
            time.sleep(pause)
            arrived.append(time.perf_counter())
            phase.wait()
            left.append(time.perf_counter())
        return run

    run_all([worker(0.01), worker(0.03), worker(0.06)])
    return {"arrival_spread_s": max(arrived) - min(arrived),
            "departure_spread_s": max(left) - min(left)}


if __name__ == "__main__":
    print(json.dumps({"semaphore": semaphore, "event": event, "barrier": barrier}[sys.argv[1]]()))
