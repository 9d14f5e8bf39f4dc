/* The board: shared by the viewer and its workers, invisible to ipcs. */
#include <sys/mman.h>

#include <err.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "ipcscope/board.h"

struct board *
board_create(void)
{
	struct board	*b;

	b = mmap(NULL, sizeof(*b), PROT_READ | PROT_WRITE,
	    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (b == MAP_FAILED)
		return (NULL);
	memset(b, 0, sizeof(*b));
	b->viewer = getpid();
	return (b);
}

void
board_destroy(struct board *b)
{
	int	i;

	if (b == NULL)
		return;
	for (i = 0; i < WORKERS_MAX; i++)
		if (b->w[i].status != WS_FREE)
			sem_destroy(&b->w[i].permit);
	munmap(b, sizeof(*b));
}

int
board_claim(struct board *b, enum role role, int id)
{
	struct board_worker	*w;
	int			 i;

	for (i = 0; i < WORKERS_MAX; i++) {
		w = &b->w[i];
		if (w->status != WS_FREE && w->status != WS_EXITED)
			continue;
		if (w->status == WS_EXITED)
			sem_destroy(&w->permit);
		memset(w, 0, sizeof(*w));
		/* pshared = 1: the permit lives in memory the workers share. */
		if (sem_init(&w->permit, 1, 0) == -1)
			return (-1);
		w->role = role;
		w->id = id;
		w->slot = -1;
		w->stage = -1;
		w->status = WS_STARTING;
		return (i);
	}
	return (-1);
}

const char *
role_name(enum role r)
{
	return (r == ROLE_PRODUCER ? "producer" : r == ROLE_CONSUMER ?
	    "consumer" : "filter");
}

void
worker_label(const struct board_worker *w, char *buf, size_t len)
{
	if (w->name[0] != '\0')
		strlcpy(buf, w->name, len);
	else
		snprintf(buf, len, "%c%d", w->role == ROLE_PRODUCER ? 'P' :
		    'C', w->id);
}

void
board_gone(struct board *b, uint32_t seq)
{
	uint32_t	n;

	if (seq == 0)
		return;
	n = atomic_fetch_add(&b->ngone, 1);
	if (n < GONE_MAX)
		b->gone[n] = seq;
}
