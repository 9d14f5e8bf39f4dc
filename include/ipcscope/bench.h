/*
 * ipcscope bench: every transport's own send and receive code, its step
 * permits out of the way (board->free_run), measured against what the
 * machine can do (memcpy, a shared-memory handoff by spinning).
 */
#ifndef IPCSCOPE_BENCH_H
#define IPCSCOPE_BENCH_H

#include <stddef.h>

#include "config.h"

#define BENCH_SIZES_MAX		(sizeof(((struct config *)0)->sizes) / \
				 sizeof(size_t) - 1)
#define BENCH_SECONDS_MIN	0.01
#define BENCH_SECONDS_MAX	60.0
#define BENCH_REPEAT_MAX	100

int	bench_main(const struct config *);
/* --sizes "64,1K,8KiB": into sizes (0-ended); -1 with one line in why. */
int	bench_sizes_arg(const char *name, const char *arg, size_t *sizes,
	    size_t n, char *why, size_t whylen);
/* --seconds: a decimal number of seconds in range; -1 with why. */
int	bench_seconds_arg(const char *name, const char *arg, double *out,
	    char *why, size_t whylen);

/* Where bench keeps transport's last figures for the screen's b:
 * $XDG_CACHE_HOME/ipcscope/bench-NAME.txt, else under ~/.cache; -1 when
 * neither is set. */
int	bench_figures_path(const char *transport, char *path, size_t len);

/* The statistics of a run's repeats and of a ping-pong's round trips. */
/* Sorts v in place; the median of its n values (0 when n is 0). */
double	stat_median(double *v, int n);
/* Sorts v; the q-quantile (0..1) by nearest rank: p99 is q = 0.99. */
double	stat_quantile(double *v, int n, double q);
/* (max - min) / median: how far the repeats spread; 0 when median is 0. */
double	stat_spread(double median, double min, double max);
/* The spread past which the repeats are not to be trusted. */
#define STAT_SPREAD_WARN	0.25

#endif
