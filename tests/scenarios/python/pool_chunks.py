"""Pool(4).map over 16 tasks of about 10 ms of CPU, chunksize 1 and 4. Prints,
for each, how many of the aligned groups of four tasks (0-3, 4-7, ...) ran
whole in one worker process, and how many worker processes took tasks."""
import json
import multiprocessing
import os
import time


def task(i):
    end = time.process_time() + 0.01
    while time.process_time() < end:
        pass
    return os.getpid()


def run(pool, chunksize):
    pids = pool.map(task, range(16), chunksize=chunksize)
    whole = sum(len(set(pids[g:g + 4])) == 1 for g in range(0, 16, 4))
    return {"whole_groups": whole, "workers_used": len(set(pids))}


if __name__ == "__main__":
    with multiprocessing.Pool(4) as pool:
        print(json.dumps({"chunksize_1": run(pool, 1), "chunksize_4": run(pool, 4)}))
