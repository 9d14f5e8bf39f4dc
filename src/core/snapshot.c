/* Building a snapshot: objects, buffers, and finding them again. */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ipcscope/snapshot.h"

static const char *const kind_names[OBJ_NKINDS] = {
	[OBJ_SHM] = "shm",
	[OBJ_SEM] = "sem",
	[OBJ_MSQ] = "msq",
	[OBJ_PSHM] = "posix_shm",
	[OBJ_MQ] = "mq",
	[OBJ_PIPE] = "pipe",
	[OBJ_FIFO] = "fifo",
	[OBJ_SOCKET] = "socket",
};

void
snapshot_clear(struct snapshot *s)
{
	memset(s, 0, sizeof(*s));
	s->at_ms = -1;
	s->selected = -1;
}

struct snap_object *
snapshot_add_object(struct snapshot *s, enum obj_kind kind, const char *fmt,
    ...)
{
	struct snap_object	*o;
	va_list			 ap;
	size_t			 len, k, need;
	int			 n;

	if (s->nobjects == SNAP_OBJECTS)
		return (NULL);
	o = &s->objects[s->nobjects++];
	memset(o, 0, sizeof(*o));
	o->kind = kind;
	va_start(ap, fmt);
	n = vsnprintf(o->ident, sizeof(o->ident), fmt, ap);
	va_end(ap);
	/*
	 * Cut short (a FIFO's path in a long run directory): never inside
	 * a UTF-8 character, whose bytes left alone the JSON writer would
	 * escape into more than the field holds, a line no reader takes.
	 */
	if (n >= (int)sizeof(o->ident)) {
		len = k = strlen(o->ident);
		while (k > 0 && ((unsigned char)o->ident[k - 1] & 0xc0) == 0x80)
			k--;
		if (k > 0 && (unsigned char)o->ident[k - 1] >= 0xc0) {
			need = (unsigned char)o->ident[k - 1] >= 0xf0 ? 4 :
			    (unsigned char)o->ident[k - 1] >= 0xe0 ? 3 : 2;
			if (len - (k - 1) < need)
				o->ident[k - 1] = '\0';
		}
	}
	return (o);
}

struct snap_buffer *
snapshot_add_buffer(struct snapshot *s, const char *name)
{
	struct snap_buffer	*b;

	if (s->nbuffers == SNAP_BUFFERS)
		return (NULL);
	b = &s->buffers[s->nbuffers++];
	memset(b, 0, sizeof(*b));
	strlcpy(b->name, name, sizeof(b->name));
	return (b);
}

void
snapshot_carries(struct snapshot *s, struct snap_buffer *b,
    const struct snap_object *o)
{
	if (o == NULL || b == NULL || b->nobjects == SNAP_OBJECTS)
		return;
	b->objects[b->nobjects++] = (int)(o - s->objects);
}

const struct snap_object *
snapshot_object(const struct snapshot *s, const char *ident)
{
	int	i;

	for (i = 0; i < s->nobjects; i++)
		if (strcmp(s->objects[i].ident, ident) == 0)
			return (&s->objects[i]);
	return (NULL);
}

const struct snap_object *
snapshot_first(const struct snapshot *s, enum obj_kind kind)
{
	int	i;

	for (i = 0; i < s->nobjects; i++)
		if (s->objects[i].kind == kind)
			return (&s->objects[i]);
	return (NULL);
}

const char *
obj_kind_name(enum obj_kind kind)
{
	return (kind < OBJ_NKINDS ? kind_names[kind] : "?");
}

int
obj_kind_from_name(const char *name)
{
	int	i;

	for (i = 0; i < OBJ_NKINDS; i++)
		if (strcmp(kind_names[i], name) == 0)
			return (i);
	return (-1);
}

static const char *const outcome_names[] = {
	[FACT_DONE] = "done",
	[FACT_FAILED] = "failed",
	[FACT_ASLEEP] = "asleep",
	[FACT_PARTIAL] = "partial",
	[FACT_EOF] = "eof",
	[FACT_LAST_PART] = "last-part",
};

#define NOUTCOMES	((int)(sizeof(outcome_names) / sizeof(outcome_names[0])))

const char *
fact_outcome_name(int o)
{
	return (o >= 0 && o < NOUTCOMES ? outcome_names[o] : "?");
}

int
fact_outcome_from_name(const char *name)
{
	int	i;

	for (i = 0; i < NOUTCOMES; i++)
		if (strcmp(outcome_names[i], name) == 0)
			return (i);
	return (-1);
}

const char *
errno_name(int e)
{
	static char	 buf[16];
	const char	*n = strerrorname_np(e);

	if (n != NULL)
		return (n);
	snprintf(buf, sizeof(buf), "E%d", e);
	return (buf);
}

int
errno_from_name(const char *name)
{
	const char	*n, *errstr;
	int		 e;

	/* glibc's names run past 130: ask each number in turn. */
	for (e = 1; e < 4096; e++)
		if ((n = strerrorname_np(e)) != NULL && strcmp(n, name) == 0)
			return (e);
	/* "E1234" as errno_name() writes it: digits only, no leading
	 * zero, within an int (atoi took "E32x" and wrapped past it). */
	if (name[0] != 'E' || name[1] < '1' || name[1] > '9')
		return (0);
	e = (int)strtonum(name + 1, 1, INT_MAX, &errstr);
	return (errstr == NULL ? e : 0);
}
