"""A coroutine that computes blocks every other task on the event loop.

A ticker wants to run every 10 ms; after 25 ms another coroutine computes
for about 100 ms without an await. Prints the longest gap between ticks
and the length of the computation.
"""
import asyncio
import json
import time


async def ticker(ticks):
    for _ in range(20):
        await asyncio.sleep(0.01)
        ticks.append(time.perf_counter())


async def blocker(spans):
    await asyncio.sleep(0.025)
    start, cpu = time.perf_counter(), time.process_time()
    total = 0
    while time.process_time() - cpu < 0.1:
        total += sum(range(1000))
    spans["compute_s"] = time.perf_counter() - start


async def main():
    ticks, spans = [], {}
    await asyncio.gather(ticker(ticks), blocker(spans))
    gaps = [b - a for a, b in zip(ticks, ticks[1:])]
    return {"max_gap_s": max(gaps), "compute_s": spans["compute_s"], "ticks": len(ticks)}


if __name__ == "__main__":
    print(json.dumps(asyncio.run(main())))
