/*
 * The scenario's caption (--scenario): under the header, word-wrapped,
 * in bold, with where the script is ("pause 1 of 3, n plays on") on its
 * last line. Absent without a scenario.
 */
#include <stdio.h>
#include <string.h>

#include "ui_int.h"

#define CAPTION_LINES_MAX	3

struct pen {
	WINDOW	*win;
	int	 y;
};

static void
caption_line(void *arg, const char *s, int len)
{
	struct pen	*p = arg;
	char		 buf[512];

	if (p->y >= getmaxy(p->win))
		return;
	snprintf(buf, sizeof(buf), "%.*s", len, s);
	wmove(p->win, p->y++, 1);
	ui_put(p->win, UI_MODE_STEP, buf);
}

/* What the caption panel shows: the caption, or the title before one. */
static const char *
caption_text(const struct snapshot *snap, char *buf, size_t len)
{
	if (snap->scenario.caption[0] != '\0')
		snprintf(buf, len, "%s", snap->scenario.caption);
	else
		snprintf(buf, len, "Scenario %s: %s", snap->scenario.name,
		    snap->scenario.title);
	return (buf);
}

/* Where the script is, for the right of the last line. */
static void
caption_where(const struct snapshot *snap, char *buf, size_t len)
{
	if (snap->scenario.over && snap->scenario.mark > 0)
		snprintf(buf, len, "pause %d of %d, the end",
		    snap->scenario.mark, snap->scenario.marks);
	else if (snap->scenario.over)
		snprintf(buf, len, "scenario over");
	else if (snap->scenario.mark > 0)
		snprintf(buf, len, "pause %d of %d, n plays on",
		    snap->scenario.mark, snap->scenario.marks);
	else
		snprintf(buf, len, "playing");
}

/* The columns of the caption's last line (its bytes: near enough, and
 * never fewer). */
static void
last_len(void *arg, const char *s, int len)
{
	(void)s;
	*(int *)arg = len;
}

int
panel_caption_height(const struct snapshot *snap, int w)
{
	char	text[256], where[64];
	int	n, last;

	if (snap->scenario.name[0] == '\0')
		return (0);
	caption_where(snap, where, sizeof(where));
	last = 0;
	n = ui_wrap(caption_text(snap, text, sizeof(text)), w - 2, last_len,
	    &last);
	/* The place needs a line of its own unless the caption leaves room. */
	if (last + (int)strlen(where) + 4 > w)
		n += 1;
	return (n > CAPTION_LINES_MAX + 1 ? CAPTION_LINES_MAX + 1 : n);
}

void
panel_caption_draw(WINDOW *win, const struct snapshot *snap)
{
	struct pen	p = { win, 0 };
	char		text[256], where[64];
	int		h, w;

	getmaxyx(win, h, w);
	caption_where(snap, where, sizeof(where));
	ui_wrap(caption_text(snap, text, sizeof(text)), w - 2, caption_line,
	    &p);
	wmove(win, h - 1, w - (int)strlen(where) - 1 > 0 ?
	    w - (int)strlen(where) - 1 : 0);
	ui_put(win, UI_DIM, where);
}
