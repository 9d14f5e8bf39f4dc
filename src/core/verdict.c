/*
 * The run's state in one word, and the one-line reasons behind what the
 * screen shows, from the snapshot alone (see verdict.h).
 */
#include <stdio.h>
#include <string.h>

#include "ipcscope/role.h"
#include "ipcscope/verdict.h"

enum verdict
verdict_of(const struct snapshot *s)
{
	const struct snap_buffer	*b = s->nbuffers > 0 ? &s->buffers[0] :
					    NULL;
	int				 i, live = 0, asleep = 0;

	for (i = 0; i < s->nworkers; i++) {
		if (!s->workers[i].alive)
			continue;
		live++;
		if (s->workers[i].blocked)
			asleep++;
	}
	if (live > 0 && asleep == live)
		return (VERDICT_DEADLOCK);
	if (b != NULL && b->capacity > 0 && b->count >= b->capacity)
		return (VERDICT_FULL);
	if (b != NULL && b->capacity > 0 && b->count == 0)
		return (VERDICT_EMPTY);
	return (asleep > 0 ? VERDICT_BLOCKED : VERDICT_PARTIAL);
}

const char *
verdict_name(enum verdict v)
{
	static const char *const names[] = {
		[VERDICT_PARTIAL] = "partial", [VERDICT_EMPTY] = "empty",
		[VERDICT_FULL] = "full", [VERDICT_BLOCKED] = "blocked",
		[VERDICT_DEADLOCK] = "deadlock"
	};

	return ((unsigned)v < sizeof(names) / sizeof(names[0]) ?
	    names[v] : "partial");
}

const char *
verdict_word(enum verdict v)
{
	static const char *const words[] = {
		[VERDICT_PARTIAL] = "", [VERDICT_EMPTY] = "EMPTY",
		[VERDICT_FULL] = "FULL", [VERDICT_BLOCKED] = "BLOCKED",
		[VERDICT_DEADLOCK] = "DEADLOCK"
	};

	return ((unsigned)v < sizeof(words) / sizeof(words[0]) ? words[v] : "");
}

size_t
verdict_sleepers(const struct snapshot *s, char *buf, size_t len)
{
	const struct snap_worker	*w;
	char				 one[96];
	int				 i;

	if (len == 0)
		return (0);
	buf[0] = '\0';
	for (i = 0; i < s->nworkers; i++) {
		w = &s->workers[i];
		if (!w->alive || !w->blocked)
			continue;
		snprintf(one, sizeof(one), "%s%s asleep in %s",
		    buf[0] != '\0' ? ", " : "", w->label, w->call);
		strlcat(buf, one, len);
	}
	return (strlen(buf));
}

/*
 * The textbook's phases between a semaphore's operation and the slot it
 * stands for. A worker about to run (or asleep in) one of these phases
 * has done the first half and not the second: the two counts differ by
 * exactly those workers. The names are the shared-memory transports'
 * phase names (the unit test checks that they still exist).
 */
struct gap {
	const char	*sem;		/* the semaphore that counts the slots */
	int		 role;
	const char	*phases[2];	/* the phases inside the gap */
	int		 sign;		/* +1: the slots are ahead of the value */
	const char	*did;		/* what such a worker did */
	const char	*yet;		/* and has not done yet */
};

static const struct gap gaps[] = {
	{ "full", ROLE_PRODUCER, { "unlock", "post-full" }, +1,
	    "wrote an item", "raised full" },
	{ "full", ROLE_CONSUMER, { "lock", "read-slot" }, +1,
	    "lowered full", "read the slot" },
	{ "empty", ROLE_PRODUCER, { "lock", "write-slot" }, +1,
	    "lowered empty", "written" },
	{ "empty", ROLE_CONSUMER, { "unlock", "post-empty" }, +1,
	    "read a slot", "raised empty" },
};

static bool
in_gap(const struct gap *g, const struct snap_worker *w)
{
	return (w->role == g->role && (strcmp(w->phase, g->phases[0]) == 0 ||
	    strcmp(w->phase, g->phases[1]) == 0));
}

/* One semaphore: "full is 1, not 3: P1 has ...", or "" when it agrees. */
static void
explain_sem(const struct snapshot *s, const char *sem, int value, int slots,
    char *buf, size_t len)
{
	const struct snap_worker	*w;
	char				 part[256], who[64];
	size_t				 i;
	int				 j, n, total = 0, parts = 0;

	buf[0] = '\0';
	if (value == slots)
		return;
	snprintf(buf, len, "%s is %d, not %d:", sem, value, slots);
	for (i = 0; i < sizeof(gaps) / sizeof(gaps[0]); i++) {
		if (strcmp(gaps[i].sem, sem) != 0)
			continue;
		who[0] = '\0';
		for (j = n = 0; j < s->nworkers; j++) {
			w = &s->workers[j];
			if (!in_gap(&gaps[i], w))
				continue;
			if (n++ > 0)
				strlcat(who, ", ", sizeof(who));
			strlcat(who, w->label, sizeof(who));
			if (!w->alive)
				strlcat(who, " (dead)", sizeof(who));
		}
		if (n == 0)
			continue;
		total += n * gaps[i].sign;
		snprintf(part, sizeof(part), "%s %s %s but %s not %s yet",
		    parts++ > 0 ? ";" : "", who, gaps[i].did, n == 1 ? "has" :
		    "have", gaps[i].yet);
		strlcat(buf, part, len);
	}
	/* Only an account that adds up is said: never a guess. */
	if (total != slots - value)
		buf[0] = '\0';
}

size_t
verdict_explain(const struct snapshot *s, char *buf, size_t len)
{
	const struct snap_buffer	*b;
	const struct snap_object	*o;
	const struct snap_sem		*m;
	char				 one[2][384];
	int				 i, k = 0;

	if (len == 0)
		return (0);
	buf[0] = '\0';
	if (s->nbuffers == 0 || !(b = &s->buffers[0])->has_inout ||
	    (o = snapshot_first(s, OBJ_SEM)) == NULL)
		return (0);
	m = &o->u.sem;
	one[0][0] = one[1][0] = '\0';
	for (i = 0; i < m->nsems && i < SNAP_SEMS; i++) {
		if (strcmp(m->names[i], "full") == 0)
			explain_sem(s, "full", m->values[i], b->count,
			    one[k++ % 2], sizeof(one[0]));
		else if (strcmp(m->names[i], "empty") == 0)
			explain_sem(s, "empty", m->values[i],
			    b->capacity - b->count, one[k++ % 2],
			    sizeof(one[0]));
	}
	strlcpy(buf, one[0], len);
	if (one[0][0] != '\0' && one[1][0] != '\0')
		strlcat(buf, "; ", len);
	strlcat(buf, one[1], len);
	return (strlen(buf));
}
