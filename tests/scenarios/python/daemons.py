"""Daemon threads that consume a queue forever. The main thread puts 20
items, joins the queue and returns; the interpreter then exits although
the daemons are still blocked in get()."""
import json
import queue
import threading
import time


def consume(jobs, done):
    while True:
        jobs.get()
        time.sleep(0.008)
        done.append(1)
        jobs.task_done()


if __name__ == "__main__":
    jobs, done = queue.Queue(), []
    for _ in range(2):
        threading.Thread(target=consume, args=(jobs, done), daemon=True).start()
    for i in range(20):
        jobs.put(i)
        time.sleep(0.002)
    jobs.join()
    daemons = [t for t in threading.enumerate() if t.daemon and t.is_alive()]
    print(json.dumps({"processed": len(done), "daemons_alive": len(daemons)}))
