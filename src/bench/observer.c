/*
 * What watching costs: 8 producers and 8 consumers free running, as the
 * demo's --free runs them (a session, its board's free_run), their items
 * per second alone and then with a snapshot taken at the screen's frame
 * rate (session_sample: the kernel objects, /proc of every worker, the
 * audit; the drawing aside), in turns, so that drift hits both alike.
 * Then what a frame costs against the kernel reads it cannot avoid: a
 * snapshot and those reads alone (kernel_reads.c), each 30 times a
 * second, half a frame apart, timed, and the median of each.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "ipcscope/session.h"
#include "bench_int.h"

#define OBSERVER_WORKERS	8
#define OBSERVER_HZ		30
/* Timed of each at the least, however short --seconds. */
#define FRAMES_MIN		3
#define FRAMES_MAX		(60 * OBSERVER_HZ)

static struct snapshot	snap;

/* Items consumed during seconds, sampling at hz (0: not at all). */
static int
phase(struct session *s, double seconds, int hz, double *items_s)
{
	unsigned long	c0;
	double		t0, next, end;

	session_sample(s, &snap);
	c0 = snap.consumed;
	t0 = next = bench_now();
	end = t0 + seconds;
	while (bench_now() < end) {
		if (hz == 0) {
			if (bench_sleep(end - bench_now()) == -1)
				return (-1);
			break;
		}
		next += 1.0 / hz;
		if (bench_sleep(next - bench_now()) == -1)
			return (-1);
		session_sample(s, &snap);
	}
	session_sample(s, &snap);
	*items_s = (double)(snap.consumed - c0) / (bench_now() - t0);
	return (0);
}

/* For seconds, a snapshot on each tick and the kernel reads half a tick
 * later, so neither finds the caches the other just warmed. */
static int
frames(struct session *s, double seconds, struct observed *o)
{
	static double		frame[FRAMES_MAX], kernel[FRAMES_MAX];
	struct kernel_reads	kr;
	double			t, next, end;
	int			n = 0, r = 0;

	session_sample(s, &snap);
	kernel_reads_open(&kr, &snap);
	next = bench_now();
	end = next + seconds;
	while (n < FRAMES_MAX && (n < FRAMES_MIN || bench_now() < end)) {
		next += 0.5 / OBSERVER_HZ;
		if ((r = bench_sleep(next - bench_now())) == -1)
			break;
		t = bench_now();
		session_sample(s, &snap);
		frame[n] = (bench_now() - t) * 1e9;
		next += 0.5 / OBSERVER_HZ;
		if ((r = bench_sleep(next - bench_now())) == -1)
			break;
		t = bench_now();
		kernel_reads_do(&kr);
		kernel[n++] = (bench_now() - t) * 1e9;
	}
	kernel_reads_close(&kr);
	o->frames = n;
	o->frame_ns = stat_median(frame, n);
	o->kernel_ns = stat_median(kernel, n);
	return (r);
}

int
measure_observer(const struct config *base, struct observed *o, char *err,
    size_t errlen)
{
	struct config	 cfg = *base;
	struct session	*s;
	sigset_t	 chld, old;
	int		 r;

	memset(o, 0, sizeof(*o));
	cfg.transport = transports[0];
	cfg.producers = cfg.consumers = OBSERVER_WORKERS;
	cfg.item_size = 64;
	cfg.free_run = true;
	cfg.headless = true;
	/* session_start wants SIGCHLD blocked: the workers' deaths are
	 * reaped by session_stop. */
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld, &old);
	if ((s = session_start(&cfg, err, errlen)) == NULL) {
		sigprocmask(SIG_SETMASK, &old, NULL);
		return (-1);
	}
	r = bench_sleep(cfg.seconds / 4 < 0.2 ? cfg.seconds / 4 : 0.2);
	if (r == 0)
		r = phase(s, cfg.seconds, 0, &o->quiet);
	if (r == 0)
		r = phase(s, cfg.seconds, OBSERVER_HZ, &o->watched);
	if (r == 0)
		r = frames(s, cfg.seconds, o);
	session_stop(s);
	sigprocmask(SIG_SETMASK, &old, NULL);
	return (r);
}
