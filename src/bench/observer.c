/*
 * What watching costs: 8 producers and 8 consumers free running, as the
 * demo's --free runs them (a session, its board's free_run), their items
 * per second alone and then with a snapshot taken at the screen's frame
 * rate (session_sample: the kernel objects, /proc of every worker, the
 * audit; the drawing aside), in turns, so that drift hits both alike.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "ipcscope/session.h"
#include "bench_int.h"

#define OBSERVER_WORKERS	8
#define OBSERVER_HZ		30

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

int
measure_observer(const struct config *base, double *quiet, double *watched,
    char *err, size_t errlen)
{
	struct config	 cfg = *base;
	struct session	*s;
	sigset_t	 chld, old;
	int		 r;

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
		r = phase(s, cfg.seconds, 0, quiet);
	if (r == 0)
		r = phase(s, cfg.seconds, OBSERVER_HZ, watched);
	session_stop(s);
	sigprocmask(SIG_SETMASK, &old, NULL);
	return (r);
}
