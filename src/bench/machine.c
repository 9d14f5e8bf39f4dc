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
#define PAGE		4096
#define SPIN_YIELD	4096	/* spins before giving the CPU away */
#define SPIN_ITEMS_MIN	16	/* a measurement counts at least these */
#define SPIN_WAIT_MAX	2.0	/* seconds */

/*
 * Page-aligned, both: two heap neighbours sit 16 bytes apart modulo a
 * page, and on this machine's AMD EPYC glibc's memcpy (rep movsb) copies
 * at 1-2 GB/s when dst - src is a few bytes past a multiple of 4096
 * (8 KiB: 0.99 GB/s at 16 bytes, 23 GB/s at 0): that is a trap of
 * placement, not the machine's bandwidth. A slot is page-aligned too.
 */
static void *
page_alloc(size_t size)
{
	return (aligned_alloc(PAGE, (size + PAGE - 1) / PAGE * PAGE));
}

double
measure_memcpy(size_t size, double seconds)
{
	unsigned char	*src, *dst;
	double		 t0, t;
	unsigned long	 n = 0, i, batch;

	if ((src = page_alloc(size)) == NULL ||
	    (dst = page_alloc(size)) == NULL) {
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
};

/* The slots start on the page after the header (see page_alloc). */
static unsigned char *
spin_slot(struct spin_ring *r, unsigned i)
{
	return ((unsigned char *)r + PAGE + i * r->size);
}

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
	unsigned char		*item = page_alloc(r->size);
	unsigned		 i = 0;

	if (item == NULL)
		return;
	memset(item, '.', r->size);
	r->ready++;
	while (!r->stop) {
		spin_wait(&r->full[i], 0, &r->stop);
		memcpy(spin_slot(r, i), item, r->size);
		atomic_store_explicit(&r->full[i], 1, memory_order_release);
		i = (i + 1) % SPIN_SLOTS;
	}
	free(item);
}

static void
spin_consumer(void *arg)
{
	struct spin_ring	*r = arg;
	unsigned char		*item = page_alloc(r->size);
	unsigned		 i = 0;

	if (item == NULL)
		return;
	r->ready++;
	while (!r->stop) {
		spin_wait(&r->full[i], 1, &r->stop);
		memcpy(item, spin_slot(r, i), r->size);
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
	size_t			 len = PAGE + SPIN_SLOTS * size;
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
	/* A loaded machine may not run the two at all in a short window:
	 * then wait for a few items (or give up after SPIN_WAIT_MAX). */
	while (r->taken - n0 < SPIN_ITEMS_MIN && bench_now() - t0 <
	    SPIN_WAIT_MAX)
		if (bench_sleep(0.005) == -1)
			goto out;
	*items_s = (double)(r->taken - n0) / (bench_now() - t0);
	ret = 0;
out:
	r->stop = 1;
	bench_reap(pids, 2);
	munmap(r, len);
	return (ret);
}
