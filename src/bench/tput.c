/*
 * Throughput: one producer and one consumer run the transport's own
 * send and recv as fast as they go; the consumer checks every item is
 * intact and the next in order, and the parent counts what it took
 * during --seconds after a warm-up. Then the producer stops and the
 * consumer drains, so that what was sent and what arrived are equal.
 */
#include <sys/wait.h>

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "bench_int.h"

#define WARMUP_MAX	0.2
#define ITEMS_MIN	16	/* a measurement counts at least these */
#define WAIT_MAX	2.0	/* seconds past --seconds, to count them */

struct run {
	struct link	*l;
	struct shared	*sh;
};

static void
producer(void *arg)
{
	struct run	*r = arg;
	struct worker	 w;
	unsigned long	 sent = 0;

	if (link_worker(r->l, ROLE_PRODUCER, &w) == -1)
		return;
	r->sh->ready++;
	while (!r->sh->stop) {
		/* As worker_run does: step() numbers the item. */
		memset(&w.item, 0, sizeof(w.item));
		w.item.producer = 1;
		w.item_start = true;
		if (r->l->ch->t->send(r->l->ch, &w.item, &w) == -1)
			break;
		sent++;
	}
	/* Counted here, told once: the consumer polls prod_done. */
	r->sh->sent = sent;
	r->sh->prod_done = 1;
}

static void
consumer(void *arg)
{
	struct run	*r = arg;
	struct worker	 w;
	struct item	 got;
	uint32_t	 next = 1;
	unsigned long	 received = 0;

	item_checking = 1;
	if (link_worker(r->l, ROLE_CONSUMER, &w) == -1)
		return;
	r->sh->ready++;
	for (;;) {
		if (r->sh->prod_done && received == r->sh->sent)
			break;
		w.item_start = true;
		if (r->l->ch->t->recv(r->l->ch, &got, &w) == -1)
			break;
		if (got.seq != next++ || got.producer != 1)
			r->sh->disorder++;
		if (item_bad != r->sh->bad)
			r->sh->bad = item_bad;
		/* A plain store: only the parent reads it. */
		atomic_store_explicit(&r->sh->received, ++received,
		    memory_order_relaxed);
	}
}

/* Stop the producer, let the consumer take what is in flight. */
static void
drain(struct shared *sh, pid_t pids[2])
{
	double	end;
	int	i;

	sh->stop = 1;
	end = bench_now() + 2;
	for (i = 0; i < 2; i++)
		while (pids[i] > 0 && bench_now() < end) {
			if (waitpid(pids[i], NULL, WNOHANG) == pids[i])
				pids[i] = -1;
			else if (i == 1 && sh->prod_done &&
			    sh->received == sh->sent)
				break;	/* asleep in recv with nothing left */
			else
				usleep(500);
		}
}

int
measure_tput(const struct config *cfg, const struct transport *t, size_t size,
    const int cpu[2], struct tput *out, char *err, size_t errlen)
{
	struct link	 l;
	struct run	 r;
	struct shared	*sh;
	pid_t		 pids[2] = { -1, -1 };
	unsigned long	 n0;
	double		 t0, warm;
	int		 ret = -1;

	memset(out, 0, sizeof(*out));
	if ((sh = shared_map()) == NULL) {
		snprintf(err, errlen, "cannot map the counters");
		return (-1);
	}
	if (link_open(&l, cfg, t, size, err, errlen) == -1) {
		shared_unmap(sh);
		return (-1);
	}
	r.l = &l;
	r.sh = sh;
	pids[0] = bench_fork(producer, &r, cpu[0]);
	pids[1] = bench_fork(consumer, &r, cpu[1]);
	if (pids[0] == -1 || pids[1] == -1 ||
	    bench_wait_ready(sh, 2, pids, 2) == -1) {
		if (!bench_interrupted)
			snprintf(err, errlen, "%s: the workers could not open "
			    "the objects", t->name);
		goto out;
	}
	warm = cfg->seconds / 4 < WARMUP_MAX ? cfg->seconds / 4 : WARMUP_MAX;
	if (bench_sleep(warm) == -1)
		goto out;
	n0 = sh->received;
	t0 = bench_now();
	if (bench_sleep(cfg->seconds) == -1)
		goto out;
	/* A short --seconds on a loaded machine can see no item of 64 KiB
	 * at all: wait for a few (or give up after WAIT_MAX). */
	while (sh->received - n0 < ITEMS_MIN &&
	    bench_now() - t0 < cfg->seconds + WAIT_MAX)
		if (bench_sleep(0.005) == -1)
			goto out;
	out->items_s = (double)(sh->received - n0) / (bench_now() - t0);
	drain(sh, pids);
	out->sent = sh->sent;
	out->received = sh->received;
	out->bad = sh->bad;
	out->disorder = sh->disorder;
	out->verified = out->sent == out->received && out->bad == 0 &&
	    out->disorder == 0 && out->received > 0;
	ret = 0;
out:
	bench_reap(pids, 2);
	link_close(&l);
	shared_unmap(sh);
	return (ret);
}
