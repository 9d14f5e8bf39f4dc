/*
 * The machine's limits, measured in the same run: memcpy bandwidth at an
 * item size, and the fastest handoff two processes can make through
 * shared memory: a ring of slots, a copy in and a copy out, and flags
 * polled by spinning (no system call at all).
 */
#include <sys/mman.h>

#include <sched.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "bench_int.h"

#define SPIN_SLOTS	16
#define SPIN_YIELD	4096	/* spins before giving the CPU away */

double
measure_memcpy(size_t size, double seconds)
{
	unsigned char	*src, *dst;
	double		 t0, t;
	unsigned long	 n = 0, i, batch;

	if ((src = malloc(size)) == NULL || (dst = malloc(size)) == NULL) {
		free(src);
		return (0);
	}
	memset(src, '.', size);
	memset(dst, 0, size);
	batch = 1 + (1 << 20) / size;
	t0 = bench_now();
	do {
		for (i = 0; i < batch; i++) {
			memcpy(dst, src, size);
			/* The copy is used: the compiler may not drop it. */
			__asm__ __volatile__("" : : "r"(dst) : "memory");
		}
		n += batch;
	} while ((t = bench_now() - t0) < seconds && !bench_interrupted);
	free(src);
	free(dst);
	return ((double)n * (double)size / t);
}

struct spin_ring {
	_Atomic int		ready, stop;
	_Atomic unsigned long	taken;
	_Atomic uint32_t	full[SPIN_SLOTS];
	size_t			size;
	unsigned char		data[];
};

static void
spin_wait(_Atomic uint32_t *flag, uint32_t want, _Atomic int *stop)
{
	unsigned	n = 0;

	while (atomic_load_explicit(flag, memory_order_acquire) != want)
		if (++n % SPIN_YIELD == 0) {
			if (*stop)
				return;
			sched_yield();
		}
}

static void
spin_producer(void *arg)
{
	struct spin_ring	*r = arg;
	unsigned char		*item = malloc(r->size);
	unsigned		 i = 0;

	if (item == NULL)
		return;
	memset(item, '.', r->size);
	r->ready++;
	while (!r->stop) {
		spin_wait(&r->full[i], 0, &r->stop);
		memcpy(r->data + i * r->size, item, r->size);
		atomic_store_explicit(&r->full[i], 1, memory_order_release);
		i = (i + 1) % SPIN_SLOTS;
	}
	free(item);
}

static void
spin_consumer(void *arg)
{
	struct spin_ring	*r = arg;
	unsigned char		*item = malloc(r->size);
	unsigned		 i = 0;

	if (item == NULL)
		return;
	r->ready++;
	while (!r->stop) {
		spin_wait(&r->full[i], 1, &r->stop);
		memcpy(item, r->data + i * r->size, r->size);
		atomic_store_explicit(&r->full[i], 0, memory_order_release);
		r->taken++;
		i = (i + 1) % SPIN_SLOTS;
	}
	free(item);
}

int
measure_spin(size_t size, double seconds, const int cpu[2], double *items_s)
{
	struct spin_ring	*r;
	size_t			 len = sizeof(*r) + SPIN_SLOTS * size;
	pid_t			 pids[2];
	unsigned long		 n0;
	double			 t0, end;
	int			 ret = -1;

	*items_s = 0;
	r = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
	    -1, 0);
	if (r == MAP_FAILED)
		return (-1);
	r->size = size;
	pids[0] = bench_fork(spin_producer, r, cpu[0]);
	pids[1] = bench_fork(spin_consumer, r, cpu[1]);
	end = bench_now() + 5;
	while (r->ready < 2 && bench_now() < end && !bench_interrupted)
		sched_yield();
	if (r->ready < 2 || bench_sleep(seconds / 8) == -1)
		goto out;
	n0 = r->taken;
	t0 = bench_now();
	if (bench_sleep(seconds / 2) == -1)
		goto out;
	*items_s = (double)(r->taken - n0) / (bench_now() - t0);
	ret = 0;
out:
	r->stop = 1;
	bench_reap(pids, 2);
	munmap(r, len);
	return (ret);
}
