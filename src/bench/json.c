/* The bench for machines: one JSON object, every figure in plain units. */
#include <stdio.h>

#include "ipcscope/json.h"
#include "bench_int.h"

static void
summary(struct json *j, const char *key, const struct summary *s)
{
	json_obj(j, key);
	json_real(j, "median", s->median);
	json_real(j, "min", s->min);
	json_real(j, "max", s->max);
	json_real(j, "spread", s->spread);
	json_obj_end(j);
}

static void
machine(struct json *j, const struct bench_run *r)
{
	const struct machine	*m;
	int			 i;

	json_arr(j, "machine");
	for (i = 0; i < r->nsizes; i++) {
		m = &r->mach[i];
		json_obj(j, NULL);
		json_int(j, "size", (long long)m->size);
		json_int(j, "runs", m->n);
		summary(j, "memcpy_bytes_s", &m->s_memcpy);
		summary(j, "spin_items_s", &m->s_spin);
		json_obj_end(j);
	}
	json_arr_end(j);
}

static const struct machine *
mach_of(const struct bench_run *r, size_t size)
{
	int	i;

	for (i = 0; i < r->nsizes; i++)
		if (r->mach[i].size == size)
			return (&r->mach[i]);
	return (NULL);
}

static void
cell(struct json *j, const struct bench_run *r, const struct cell *c)
{
	const struct machine	*m = mach_of(r, c->size);
	double			 bps = c->s_items.median * (double)c->size;

	json_obj(j, NULL);
	json_str(j, "transport", c->t->name);
	json_int(j, "size", (long long)c->size);
	json_bool(j, "carried", c->carried);
	json_str(j, "why", c->carried && !c->failed ? NULL : c->why);
	json_int(j, "runs", c->n);
	summary(j, "items_s", &c->s_items);
	json_real(j, "bytes_s", bps);
	summary(j, "rtt_median_ns", &c->s_rtt);
	summary(j, "rtt_p99_ns", &c->s_p99);
	json_real(j, "of_spin", m != NULL && m->s_spin.median > 0 ?
	    c->s_items.median / m->s_spin.median : 0);
	json_real(j, "of_memcpy", m != NULL && m->s_memcpy.median > 0 ?
	    bps / m->s_memcpy.median : 0);
	json_int(j, "sent", (long long)c->sent);
	json_int(j, "received", (long long)c->received);
	json_int(j, "intact", (long long)(c->received - c->bad));
	json_int(j, "out_of_order", (long long)c->disorder);
	json_bool(j, "verified", c->n > 0 && c->verified);
	json_obj_end(j);
}

void
report_json(FILE *f, struct bench_run *r)
{
	struct json	j;
	char		sentence[256];
	long		at;
	int		i;

	json_begin(&j, f);
	json_obj(&j, NULL);
	json_obj(&j, "bench");
	json_real(&j, "seconds", r->cfg->seconds);
	json_int(&j, "repeat", r->cfg->repeat);
	json_int(&j, "repeats_done", r->repeats_done);
	json_int(&j, "slots", r->cfg->slots);
	json_int(&j, "ncpus", r->ncpus);
	json_str(&j, "cpu_model", r->cpu_model);
	json_bool(&j, "pinned", r->cpu[0] >= 0);
	json_bool(&j, "interrupted", r->interrupted);
	json_obj_end(&j);
	machine(&j, r);
	json_arr(&j, "results");
	for (i = 0; i < r->ncells; i++)
		cell(&j, r, &r->cells[i]);
	json_arr_end(&j);
	at = crossover(r, sentence, sizeof(sentence));
	json_obj(&j, "crossover");
	if (at > 0)
		json_int(&j, "size", at);
	else
		json_null(&j, "size");
	json_str(&j, "sentence", sentence);
	json_obj_end(&j);
	json_obj(&j, "observer");
	json_str(&j, "what", OBSERVER_DESC);
	json_int(&j, "hz", 30);
	json_int(&j, "runs", r->nobs);
	summary(&j, "unwatched_items_s", &r->s_quiet);
	summary(&j, "watched_items_s", &r->s_watched);
	json_real(&j, "ratio", r->s_quiet.median > 0 ? r->s_watched.median /
	    r->s_quiet.median : 0);
	/* A frame's snapshot against the kernel reads it cannot avoid. */
	json_int(&j, "frames", r->obs_frames);
	summary(&j, "frame_ns", &r->s_frame);
	summary(&j, "kernel_reads_ns", &r->s_kernel);
	json_real(&j, "frame_ratio", r->s_kernel.median > 0 ?
	    r->s_frame.median / r->s_kernel.median : 0);
	json_str(&j, "error", r->obs_error[0] != '\0' ? r->obs_error : NULL);
	json_obj_end(&j);
	json_obj_end(&j);
	json_end(&j);
}
