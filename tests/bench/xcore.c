/*
 * Why a handoff between two CPUs cannot copy at memcpy's speed: the time
 * of a memcpy of SIZE bytes that another CPU has just written, against
 * the same memcpy of bytes this CPU wrote itself. Two threads pinned to
 * CPUs 0 and 1 take turns through a flag; only the copy is timed.
 *
 *   cc -O2 -pthread -o xcore tests/bench/xcore.c && ./xcore 65536
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define ROUNDS	20000
#define PAGE	4096

static size_t		 size;
static unsigned char	*buf, *out;
static _Atomic int	 turn;
static double		 copy_s;

static double
now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((double)ts.tv_sec + (double)ts.tv_nsec / 1e9);
}

static void
pin(int cpu)
{
	cpu_set_t	set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	pthread_setaffinity_np(pthread_self(), sizeof(set), &set);
}

static void *
writer(void *arg)
{
	int	i;

	(void)arg;
	pin(0);
	for (i = 0; i < ROUNDS; i++) {
		while (atomic_load(&turn) != 0)
			continue;
		memset(buf, i, size);
		atomic_store(&turn, 1);
	}
	return (NULL);
}

static void *
copier(void *arg)
{
	double	t0;
	int	i;

	(void)arg;
	pin(1);
	for (i = 0; i < ROUNDS; i++) {
		while (atomic_load(&turn) != 1)
			continue;
		t0 = now();
		memcpy(out, buf, size);
		copy_s += now() - t0;
		atomic_store(&turn, 0);
	}
	return (NULL);
}

int
main(int argc, char *argv[])
{
	pthread_t	w, c;
	double		t0, t_copy;
	int		i;

	size = argc > 1 ? strtoul(argv[1], NULL, 10) : 65536;
	if (size == 0 || size > (1 << 24)) {
		fprintf(stderr, "usage: xcore [SIZE]\n");
		return (2);
	}
	/* Page-aligned, as measure_memcpy's (see src/bench/machine.c). */
	buf = aligned_alloc(PAGE, (size + PAGE - 1) / PAGE * PAGE);
	out = aligned_alloc(PAGE, (size + PAGE - 1) / PAGE * PAGE);
	if (buf == NULL || out == NULL)
		return (1);
	memset(buf, 1, size);
	memset(out, 1, size);
	pthread_create(&w, NULL, writer, NULL);
	pthread_create(&c, NULL, copier, NULL);
	pthread_join(w, NULL);
	pthread_join(c, NULL);
	/* The same copy on CPU 1 of bytes CPU 1 wrote: write and copy,
	 * less the writes alone. */
	pin(1);
	t0 = now();
	for (i = 0; i < ROUNDS; i++) {
		memset(buf, i, size);
		__asm__ __volatile__("" : : "r"(buf) : "memory");
	}
	t_copy = -(now() - t0);
	t0 = now();
	for (i = 0; i < ROUNDS; i++) {
		memset(buf, i, size);
		memcpy(out, buf, size);
		__asm__ __volatile__("" : : "r"(out) : "memory");
	}
	t_copy += now() - t0;
	printf("memcpy of %zu bytes another CPU wrote: %.2f GB/s; "
	    "that this CPU wrote: %.2f GB/s\n", size,
	    ROUNDS * (double)size / copy_s / 1e9,
	    ROUNDS * (double)size / t_copy / 1e9);
	return (0);
}
