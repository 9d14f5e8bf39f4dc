/*
 * Latency: a ping-pong over two links of the same transport and size.
 * The pinger sends on A and waits for the answer on B; the ponger takes
 * from A and answers on B. Each round trip is timed by the pinger.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ipcscope/xmalloc.h"
#include "bench_int.h"

struct pair {
	struct link	 a, b;
	struct shared	*sh;
};

static int
send_one(struct link *l, struct worker *w)
{
	memset(&w->item, 0, sizeof(w->item));
	w->item.producer = 1;
	w->item_start = true;
	return (l->ch->t->send(l->ch, &w->item, w));
}

static int
recv_one(struct link *l, struct worker *w)
{
	struct item	got;

	w->item_start = true;
	return (l->ch->t->recv(l->ch, &got, w));
}

static uint64_t
now_ns(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec);
}

static void
pinger(void *arg)
{
	struct pair	*p = arg;
	struct worker	 wa, wb;
	uint64_t	 t0, dt;
	unsigned long	 n;

	if (link_worker(&p->a, ROLE_PRODUCER, &wa) == -1 ||
	    link_worker(&p->b, ROLE_CONSUMER, &wb) == -1)
		return;
	p->sh->ready++;
	while (!p->sh->stop) {
		t0 = now_ns();
		if (send_one(&p->a, &wa) == -1 || recv_one(&p->b, &wb) == -1)
			break;
		dt = now_ns() - t0;
		if (!p->sh->measuring || (n = p->sh->nrtt) >= RTT_MAX)
			continue;
		p->sh->rtt_ns[n] = dt > UINT32_MAX ? UINT32_MAX : (uint32_t)dt;
		p->sh->nrtt = n + 1;
	}
}

static void
ponger(void *arg)
{
	struct pair	*p = arg;
	struct worker	 wa, wb;

	if (link_worker(&p->a, ROLE_CONSUMER, &wa) == -1 ||
	    link_worker(&p->b, ROLE_PRODUCER, &wb) == -1)
		return;
	p->sh->ready++;
	while (recv_one(&p->a, &wa) == 0 && send_one(&p->b, &wb) == 0)
		continue;
}

int
measure_ping(const struct config *cfg, const struct transport *t, size_t size,
    const int cpu[2], double *median, double *p99, char *err, size_t errlen)
{
	struct pair	 p;
	pid_t		 pids[2] = { -1, -1 };
	double		*v = NULL;
	unsigned long	 i, n;
	int		 ret = -1;

	*median = *p99 = 0;
	memset(&p, 0, sizeof(p));
	if ((p.sh = shared_map()) == NULL) {
		snprintf(err, errlen, "cannot map the counters");
		return (-1);
	}
	if (link_open(&p.a, cfg, t, size, err, errlen) == -1)
		goto out;
	if (link_open(&p.b, cfg, t, size, err, errlen) == -1)
		goto out;
	pids[0] = bench_fork(pinger, &p, cpu[0]);
	pids[1] = bench_fork(ponger, &p, cpu[1]);
	if (pids[0] == -1 || pids[1] == -1 ||
	    bench_wait_ready(p.sh, 2, pids, 2) == -1) {
		if (!bench_interrupted)
			snprintf(err, errlen, "%s: the workers could not open "
			    "the objects", t->name);
		goto out;
	}
	/* Half of --seconds: the throughput has the whole. */
	if (bench_sleep(cfg->seconds / 8) == -1)
		goto out;
	p.sh->measuring = 1;
	if (bench_sleep(cfg->seconds / 2) == -1)
		goto out;
	p.sh->measuring = 0;
	p.sh->stop = 1;
	if ((n = p.sh->nrtt) == 0) {
		snprintf(err, errlen, "%s: no round trip in %.2f s", t->name,
		    cfg->seconds / 2);
		goto out;
	}
	v = xreallocarray(NULL, n, sizeof(*v));
	for (i = 0; i < n; i++)
		v[i] = p.sh->rtt_ns[i];
	*median = stat_median(v, (int)n);
	*p99 = stat_quantile(v, (int)n, 0.99);
	free(v);
	ret = 0;
out:
	bench_reap(pids, 2);
	link_close(&p.b);
	link_close(&p.a);
	shared_unmap(p.sh);
	return (ret);
}
