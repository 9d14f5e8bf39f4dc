/*
 * ipcscope watch: every IPC object on the machine, live. On the screen
 * (src/ui/watch_screen.c), or headless: --json prints one line per frame
 * until SIGINT or SIGTERM, --once one frame (JSON with --json, a text
 * table without). --key, --id and --name follow one object, which may not
 * exist yet: the lines say "waiting" until it does.
 */
#include <err.h>
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ipcscope/sig.h"
#include "ipcscope/visible.h"
#include "ipcscope/watch_face.h"

/* ui/watch_screen.c: the screen; its exit status. */
int	ui_watch(const struct config *, const struct watch_follow *);

/* The words for a value out of lo..hi, as number() in main.c says them. */
static long
out_of_range(const char *name, const char *s, bool small, const char *range,
    char *err, size_t len)
{
	snprintf(err, len, "%s \"%s\": too %s; allowed: %s", name, visible(s),
	    small ? "small" : "large", range);
	return (-1);
}

long
watch_delay_arg(const char *name, const char *s, char *err, size_t len)
{
	char	*end;
	double	 d;

	if (s[0] == '-' && s[1] >= '0' && s[1] <= '9')
		return (out_of_range(name, s, true, "0..3600", err, len));
	errno = 0;
	if (s[0] < '0' || s[0] > '9' || (d = strtod(s, &end), *end != '\0')) {
		snprintf(err, len, "%s \"%s\": not a whole number of seconds, "
		    "nor a decimal one (such as 0.5)", name, visible(s));
		return (-1);
	}
	if (errno == ERANGE || d * 1000 > WATCH_DELAY_MAX_MS)
		return (out_of_range(name, s, false, "0..3600", err, len));
	return ((long)(d * 1000 + 0.5));
}

int
watch_key_arg(const char *name, const char *s, unsigned *key, char *err,
    size_t len)
{
	unsigned long long	 v;
	char			*end;

	if (s[0] == '-' && s[1] >= '0' && s[1] <= '9')
		return ((int)out_of_range(name, s, true, "1..4294967295", err,
		    len));
	errno = 0;
	if (s[0] < '0' || s[0] > '9' || (v = strtoull(s, &end, 0),
	    *end != '\0')) {
		snprintf(err, len, "%s \"%s\": not a whole number (a key, such "
		    "as 0x1234 or 4660)", name, visible(s));
		return (-1);
	}
	if (errno == ERANGE || v > 0xffffffffULL)
		return ((int)out_of_range(name, s, false, "1..4294967295", err,
		    len));
	/* 0 is IPC_PRIVATE: every such object has it, none can be followed. */
	if (v == 0)
		return ((int)out_of_range(name, s, true, "1..4294967295", err,
		    len));
	*key = (unsigned)v;
	return (0);
}

int
watch_word_arg(const char *name, const char *s, char *err, size_t len)
{
	const unsigned char	*p;

	if (s[0] == '\0') {
		snprintf(err, len, "%s \"\": no value", name);
		return (-1);
	}
	for (p = (const unsigned char *)s; *p != '\0'; p++)
		if (*p <= 0x20 || *p >= 0x7f) {
			snprintf(err, len, "%s \"%s\": only printable ASCII, "
			    "with no blank, is taken", name, visible(s));
			return (-1);
		}
	return (0);
}

int
watch_follow_args(const struct config *cfg, struct watch_follow *f,
    char *err, size_t len)
{
	int		 n = 0;

	memset(f, 0, sizeof(*f));
	f->type = -1;
	if (cfg->type_filter != NULL &&
	    (f->type = watch_type_from_name(cfg->type_filter)) == -1) {
		snprintf(err, len, "--type \"%s\": no such type; types: shm, "
		    "msg, sem, posix-shm, posix-mq", visible(cfg->type_filter));
		return (-1);
	}
	n = (cfg->follow_key != NULL) + (cfg->follow_id != NULL) +
	    (cfg->follow_name != NULL);
	if (n > 1) {
		snprintf(err, len, "--key, --id and --name each name the object "
		    "to follow: give one");
		return (-1);
	}
	if (cfg->follow_key != NULL) {
		if (watch_key_arg("--key", cfg->follow_key, &f->key, err,
		    len) == -1)
			return (-1);
		f->on = f->by_key = true;
	}
	if (cfg->follow_id != NULL) {
		f->on = f->by_id = true;
		f->id = (int)strtol(cfg->follow_id, NULL, 10);
	}
	if (cfg->follow_name != NULL) {
		if (cfg->follow_name[0] != '/' || cfg->follow_name[1] == '\0' ||
		    strchr(cfg->follow_name + 1, '/') != NULL ||
		    strlen(cfg->follow_name) >= sizeof(f->name)) {
			snprintf(err, len, "--name \"%s\": not a POSIX name (one "
			    "slash, first, then up to %zu bytes: /foo)",
			    visible(cfg->follow_name), sizeof(f->name) - 2);
			return (-1);
		}
		f->on = true;
		strlcpy(f->name, cfg->follow_name, sizeof(f->name));
	}
	if ((f->by_key || f->by_id) && (f->type == WT_PSHM || f->type == WT_PMQ)) {
		snprintf(err, len, "--%s follows a System V object; a POSIX one "
		    "is followed with --name", f->by_key ? "key" : "id");
		return (-1);
	}
	if (f->name[0] != '\0' && f->type >= 0 && f->type != WT_PSHM &&
	    f->type != WT_PMQ) {
		snprintf(err, len, "--name follows a POSIX object; --type %s "
		    "is a System V one", cfg->type_filter);
		return (-1);
	}
	return (0);
}

static void
text_row(FILE *f, const struct watch_obj *o)
{
	char	key[16], id[16], what[64];

	watch_key_str(o, key, sizeof(key));
	snprintf(id, sizeof(id), "%d", watch_id(o));
	switch (o->type) {
	case WT_SHM:
		snprintf(what, sizeof(what), "size=%zu nattch=%d%s",
		    o->shm.size, o->shm.nattch, o->shm.dest ? " dest" : "");
		break;
	case WT_MSG:
		if (o->readable)
			snprintf(what, sizeof(what), "qnum=%lu cbytes=%lu "
			    "qbytes=%lu", o->msq.qnum, o->msq.cbytes,
			    o->msq.qbytes);
		else
			snprintf(what, sizeof(what), "qnum=%lu cbytes=%lu",
			    o->msq.qnum, o->msq.cbytes);
		break;
	case WT_SEM:
		snprintf(what, sizeof(what), "nsems=%d", o->sem.nsems);
		break;
	case WT_PSHM:
		snprintf(what, sizeof(what), "size=%lld", o->px.size);
		break;
	default:
		snprintf(what, sizeof(what), "curmsgs=%ld qsize=%lld",
		    o->px.curmsgs, o->px.size);
		break;
	}
	fprintf(f, "%-9s %-10s %10s %-10s %04o  %s%s\n", watch_type_name(o->type),
	    o->type == WT_PSHM || o->type == WT_PMQ ? o->name : key,
	    o->type == WT_PSHM || o->type == WT_PMQ ? "-" : id, o->owner,
	    o->perms, what, o->readable ? "" : "  (not readable by you)");
}

void
watch_text_write(FILE *f, const struct watch_list *l,
    const struct watch_follow *fo)
{
	size_t	i;
	int	n = 0;

	fprintf(f, "%-9s %-10s %10s %-10s %-5s %s\n", "type", "key/name", "id",
	    "owner", "perms", "state");
	for (i = 0; i < l->n; i++) {
		if (l->v[i].gone_ms != 0 ||
		    (fo->on && !watch_matches(&l->v[i], fo)) ||
		    (!fo->on && fo->type >= 0 && (int)l->v[i].type != fo->type))
			continue;
		text_row(f, &l->v[i]);
		n++;
	}
	if (fo->on && n == 0)
		fprintf(f, "(not there yet)\n");
	if (l->notes[0] != '\0')
		fprintf(f, "note: %s\n", l->notes);
}

/* --json lines until a signal (or one, --once). */
static int
watch_lines(const struct config *cfg, const struct watch_follow *fo)
{
	struct watch_list	 a, b, *cur = &a, *prev = &b, *t;
	struct pollfd		 pfd;
	bool			 first = true;
	int			 sig = 0;

	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	pfd.fd = sig_open();
	pfd.events = POLLIN;
	for (;;) {
		watch_sample(cur);
		watch_merge(cur, prev, first);
		first = false;
		if (cfg->json)
			watch_json_write(stdout, cur, fo);
		else
			watch_text_write(stdout, cur, fo);
		if (cfg->once)
			break;
		t = prev, prev = cur, cur = t;
		if (poll(&pfd, 1, (int)cfg->delay_ms) > 0 &&
		    (sig = sig_read(pfd.fd)) != 0 && sig != SIGCHLD)
			break;
	}
	watch_free(&a);
	watch_free(&b);
	return (0);
}

int
watch_main(const struct config *cfg)
{
	struct watch_follow	fo;
	char			err[256];

	if (watch_follow_args(cfg, &fo, err, sizeof(err)) == -1)
		errx(2, "%s", err);
	if (cfg->json || cfg->once)
		return (watch_lines(cfg, &fo));
	return (ui_watch(cfg, &fo));
}
