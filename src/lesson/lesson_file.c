/*
 * The lesson file: a small line format, parsed strictly. Each error is
 * one line, "FILE:LINE: what is wrong", and nothing is half-filled that
 * the caller could use. The format (the man page, LESSONS):
 *
 *	# a comment
 *	summary One line for the list of lessons
 *	program LABEL FILE [ARG...]	(FILE in the lessons' program dir)
 *	step WHO CALL			(WHO: LABEL, or LABEL/N for its
 *		caption words...	 N-th fork; CALL: where it must be)
 *		...more caption lines, indented
 *	end
 *		the last words, indented
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ipcscope/lesson.h"
#include "ipcscope/small_file.h"
#include "ipcscope/visible.h"

/* The calls the tracer stops at, by the names it gives them. */
static const char *const calls[] = {
	"ftok", "shmget", "shmat", "shmdt", "shmctl", "msgget", "msgsnd",
	"msgrcv", "msgctl", "semget", "semop", "semtimedop", "semctl", "pipe",
	"pipe2", "read", "write", "readv", "writev", "socketpair", "socket",
	"sendto", "recvfrom", "sendmsg", "recvmsg", "bind", "connect",
	"accept", "accept4", "mq_open", "mq_unlink", "mq_timedsend",
	"mq_timedreceive", "mq_notify", "mq_getsetattr", "mknod", "mknodat",
	"openat", "unlinkat", "mmap",
};

bool
lesson_call_known(const char *name)
{
	size_t	i;

	for (i = 0; i < sizeof(calls) / sizeof(calls[0]); i++)
		if (strcmp(calls[i], name) == 0)
			return (true);
	return (false);
}

struct parse {
	const char	*path;
	int		 line;
	char		*err;
	size_t		 errlen;
	struct lesson	*l;
	char		*caption;	/* where indented lines go, or NULL */
	int		 caption_line;	/* the line that opened it */
	bool		 ended;		/* "end" was seen */
};

static int __attribute__((__format__(__printf__, 2, 3)))
fail(struct parse *p, const char *fmt, ...)
{
	char	what[384];
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	snprintf(p->err, p->errlen, "%s:%d: %s", visible_msg(p->path), p->line,
	    what);
	return (-1);
}

/* Split line into at most max words (in place); their number, or -1 when
 * there are more. */
static int
words(char *line, char **w, int max)
{
	int	n = 0;
	char	*s;

	while ((s = strsep(&line, " \t")) != NULL) {
		if (*s == '\0')
			continue;
		if (n == max)
			return (-1);
		w[n++] = s;
	}
	return (n);
}

/* A label or a file name: letters, digits, '_', '-', '.'; no '/'. */
static bool
plain_word(const char *s)
{
	return (s[0] != '\0' && s[0] != '.' && s[0] != '-' &&
	    strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789_-.") == strlen(s));
}

static int
copy_word(struct parse *p, char *dst, const char *src, const char *what)
{
	if (strlcpy(dst, src, LESSON_WORD_MAX) >= LESSON_WORD_MAX)
		return (fail(p, "%s \"%s\" is longer than %d bytes", what,
		    visible(src), LESSON_WORD_MAX - 1));
	return (0);
}

static int
do_summary(struct parse *p, char *rest)
{
	if (p->l->summary[0] != '\0')
		return (fail(p, "a second summary line"));
	if (rest == NULL || *rest == '\0')
		return (fail(p, "summary needs its text"));
	if (strlcpy(p->l->summary, rest, sizeof(p->l->summary)) >=
	    sizeof(p->l->summary))
		return (fail(p, "the summary is longer than %d bytes",
		    LESSON_SUMMARY_MAX - 1));
	return (0);
}

static int
find_prog(const struct lesson *l, const char *label)
{
	int	i;

	for (i = 0; i < l->nprogs; i++)
		if (strcmp(l->progs[i].label, label) == 0)
			return (i);
	return (-1);
}

static int
do_program(struct parse *p, char *rest)
{
	struct lesson_prog	*pr;
	char			*w[LESSON_ARGS_MAX + 2];
	int			 n, i;

	if (p->l->nsteps > 0)
		return (fail(p, "a program after the first step: programs "
		    "come first"));
	if (p->l->nprogs == LESSON_PROGS_MAX)
		return (fail(p, "more than %d programs", LESSON_PROGS_MAX));
	n = rest != NULL ? words(rest, w, LESSON_ARGS_MAX + 1) : 0;
	if (n == -1)
		return (fail(p, "more than %d arguments to the program",
		    LESSON_ARGS_MAX - 1));
	if (n < 2)
		return (fail(p, "expected \"program LABEL FILE [ARG...]\""));
	if (!plain_word(w[0]))
		return (fail(p, "label \"%s\": letters, digits, '_', '-' and "
		    "'.' only", visible(w[0])));
	if (find_prog(p->l, w[0]) != -1)
		return (fail(p, "a second program labelled \"%s\"",
		    visible(w[0])));
	if (!plain_word(w[1]))
		return (fail(p, "program \"%s\": a file name in the lessons' "
		    "program directory, without '/'", visible(w[1])));
	pr = &p->l->progs[p->l->nprogs];
	memset(pr, 0, sizeof(*pr));
	if (copy_word(p, pr->label, w[0], "label") == -1)
		return (-1);
	for (i = 1; i < n; i++)
		if (copy_word(p, pr->argv[i - 1], w[i], i == 1 ? "program" :
		    "argument") == -1)
			return (-1);
	pr->argc = n - 1;
	pr->line = p->line;
	p->l->nprogs++;
	return (0);
}

/* WHO: LABEL or LABEL/N. */
static int
parse_who(struct parse *p, char *who, struct lesson_step *st)
{
	const char	*errstr = NULL;
	char		*slash = strchr(who, '/');

	st->child = 0;
	if (slash != NULL) {
		*slash = '\0';
		st->child = (int)strtonum(slash + 1, 1, LESSON_CHILDREN_MAX,
		    &errstr);
		if (errstr != NULL)
			return (fail(p, "\"%s/%s\": the fork's number is %s; "
			    "allowed: 1..%d", visible(who), visible(slash + 1),
			    errstr, LESSON_CHILDREN_MAX));
	}
	if ((st->prog = find_prog(p->l, who)) == -1)
		return (fail(p, "no program labelled \"%s\"%s", visible(who),
		    p->l->nprogs == 0 ? ": programs come first" : ""));
	return (0);
}

static int
do_step(struct parse *p, char *rest)
{
	struct lesson_step	*st;
	char			*w[3];
	int			 n;

	if (p->l->nsteps == LESSON_STEPS_MAX)
		return (fail(p, "more than %d steps", LESSON_STEPS_MAX));
	n = rest != NULL ? words(rest, w, 2) : 0;
	if (n != 2)
		return (fail(p, "expected \"step WHO CALL\""));
	st = &p->l->steps[p->l->nsteps];
	memset(st, 0, sizeof(*st));
	if (parse_who(p, w[0], st) == -1)
		return (-1);
	if (!lesson_call_known(w[1]))
		return (fail(p, "\"%s\" is not a call the tracer stops at",
		    visible(w[1])));
	strlcpy(st->call, w[1], sizeof(st->call));
	st->line = p->line;
	p->l->nsteps++;
	p->caption = st->caption;
	p->caption_line = p->line;
	return (0);
}

static int
do_caption(struct parse *p, const char *text)
{
	size_t	len;

	if (p->caption == NULL)
		return (fail(p, "an indented line belongs under a step or "
		    "end"));
	len = strlen(p->caption);
	if (len > 0 && strlcat(p->caption, " ", LESSON_CAPTION_MAX) >=
	    LESSON_CAPTION_MAX)
		goto long_caption;
	if (strlcat(p->caption, text, LESSON_CAPTION_MAX) >=
	    LESSON_CAPTION_MAX)
		goto long_caption;
	return (0);
long_caption:
	return (fail(p, "the caption is longer than %d bytes",
	    LESSON_CAPTION_MAX - 1));
}

/* Whatever opened a caption has one, or it is an error at its line. */
static int
close_caption(struct parse *p)
{
	int	line = p->line;

	if (p->caption != NULL && p->caption[0] == '\0') {
		p->line = p->caption_line;
		fail(p, "no caption: indented lines must follow");
		p->line = line;
		return (-1);
	}
	p->caption = NULL;
	return (0);
}

static int
one_line(struct parse *p, char *s)
{
	char	*word, *rest;

	if (*s == ' ' || *s == '\t') {
		s += strspn(s, " \t");
		if (*s == '\0')
			return (0);
		return (do_caption(p, s));
	}
	if (*s == '\0' || *s == '#')
		return (0);
	if (close_caption(p) == -1)
		return (-1);
	if (p->ended)
		return (fail(p, "nothing may follow the end"));
	word = s;
	if ((rest = strpbrk(s, " \t")) != NULL) {
		*rest++ = '\0';
		rest += strspn(rest, " \t");
	}
	if (strcmp(word, "summary") == 0)
		return (do_summary(p, rest));
	if (strcmp(word, "program") == 0)
		return (do_program(p, rest));
	if (strcmp(word, "step") == 0)
		return (do_step(p, rest));
	if (strcmp(word, "end") == 0) {
		if (rest != NULL && *rest != '\0')
			return (fail(p, "end takes no word: its text goes on "
			    "the indented lines after it"));
		p->ended = true;
		p->caption = p->l->end;
		p->caption_line = p->line;
		return (0);
	}
	return (fail(p, "unknown word \"%s\"; expected summary, program, "
	    "step or end", visible(word)));
}

/* After the last line: what a lesson must have. */
static int
whole(struct parse *p)
{
	struct lesson	*l = p->l;
	int		 i, j;

	if (close_caption(p) == -1)
		return (-1);
	if (l->summary[0] == '\0')
		return (fail(p, "no summary line"));
	if (l->nprogs == 0)
		return (fail(p, "no program line"));
	if (l->nsteps == 0)
		return (fail(p, "no step line"));
	for (i = 0; i < l->nprogs; i++) {
		for (j = 0; j < l->nsteps; j++)
			if (l->steps[j].prog == i)
				break;
		if (j == l->nsteps) {
			p->line = l->progs[i].line;
			return (fail(p, "program \"%s\" is never stepped",
			    l->progs[i].label));
		}
	}
	return (0);
}

int
lesson_parse(const char *text, size_t len, const char *path,
    struct lesson *l, char *err, size_t errlen)
{
	struct parse	p = { .path = path, .err = err, .errlen = errlen,
			    .l = l };
	char		buf[LESSON_LINE_MAX + 1];
	size_t		at = 0, n, i;
	const char	*nl;

	memset(l, 0, sizeof(*l));
	while (at < len) {
		p.line++;
		nl = memchr(text + at, '\n', len - at);
		n = (nl != NULL ? (size_t)(nl - text) : len) - at;
		if (n > LESSON_LINE_MAX) {
			fail(&p, "the line is longer than %d bytes",
			    LESSON_LINE_MAX);
			goto bad;
		}
		memcpy(buf, text + at, n);
		buf[n] = '\0';
		at += n + 1;
		for (i = 0; i < n; i++)
			if (((unsigned char)buf[i] < 0x20 && buf[i] != '\t') ||
			    buf[i] == 0x7f) {
				fail(&p, "a control character (byte %zu)",
				    i + 1);
				goto bad;
			}
		if (one_line(&p, buf) == -1)
			goto bad;
	}
	p.line = (int)(p.line > 0 ? p.line : 1);
	if (whole(&p) == 0)
		return (0);
bad:
	memset(l, 0, sizeof(*l));
	return (-1);
}

int
lesson_load(const char *path, struct lesson *l, char *err, size_t errlen)
{
	static char	text[LESSON_FILE_MAX + 1];
	size_t		len;

	if (small_file_read(path, text, LESSON_FILE_MAX, &len, "lesson", err,
	    errlen) == -1)
		return (-1);
	return (lesson_parse(text, len, path, l, err, errlen));
}
