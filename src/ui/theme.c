/*
 * Colours and glyphs by meaning. ncurses ignores NO_COLOR, so we honour it
 * here; without a UTF-8 codeset wide glyphs would print as blanks, so we
 * fall back to ASCII. Every role also has a non-colour attribute or a
 * word on screen, so colour is never the only cue.
 */
#include <langinfo.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "ui_int.h"

struct ui_theme	ui_theme;

static const struct ui_glyphs glyphs_utf8 = {
	.full = "\u2588", .empty = "\u00b7", .arrow = "\u2192",
	.ellipsis = "\u2026", .up = "\u2191"
};
static const struct ui_glyphs glyphs_ascii = {
	.full = "#", .empty = ".", .arrow = "->", .ellipsis = "...", .up = "^"
};

/* role: foreground, background (-1: terminal default), attribute. */
static const struct {
	short	fg, bg;
	attr_t	attr;
	attr_t	mono;		/* what it looks like without colour */
} theme_table[UI_NROLES] = {
	[UI_NORMAL]	= { -1, -1, A_NORMAL, A_NORMAL },
	[UI_HEADING]	= { COLOR_BLACK, COLOR_CYAN, A_NORMAL, A_REVERSE },
	[UI_DIM]	= { -1, -1, A_DIM, A_DIM },
	[UI_FULL]	= { COLOR_BLACK, COLOR_GREEN, A_BOLD, A_REVERSE },
	[UI_EMPTY]	= { -1, -1, A_DIM, A_NORMAL },
	[UI_IN]		= { COLOR_GREEN, -1, A_BOLD, A_BOLD },
	[UI_OUT]	= { COLOR_YELLOW, -1, A_BOLD, A_BOLD },
	[UI_BLOCKED]	= { COLOR_RED, -1, A_BOLD, A_BOLD | A_UNDERLINE },
	[UI_READY]	= { COLOR_CYAN, -1, A_NORMAL, A_NORMAL },
	[UI_SELECTED]	= { -1, -1, A_REVERSE, A_REVERSE },
	[UI_CHANGED]	= { COLOR_YELLOW, -1, A_BOLD, A_BOLD | A_UNDERLINE },
	[UI_MODE_STEP]	= { COLOR_BLACK, COLOR_YELLOW, A_BOLD, A_BOLD | A_REVERSE },
	[UI_MODE_RUN]	= { COLOR_BLACK, COLOR_GREEN, A_BOLD, A_BOLD | A_REVERSE },
	[UI_WARN]	= { COLOR_RED, -1, A_BOLD, A_BOLD },
};

void
theme_init(void)
{
	const char	*nc = getenv("NO_COLOR");
	int		 i;

	ui_theme.utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
	ui_theme.g = ui_theme.utf8 ? glyphs_utf8 : glyphs_ascii;
	ui_theme.color = has_colors() && (nc == NULL || *nc == '\0');
	if (ui_theme.color) {
		start_color();
		use_default_colors();
	}
	for (i = 0; i < UI_NROLES; i++) {
		if (!ui_theme.color) {
			ui_theme.attr[i] = theme_table[i].mono;
			continue;
		}
		init_pair((short)(i + 1), theme_table[i].fg, theme_table[i].bg);
		ui_theme.attr[i] = theme_table[i].attr | COLOR_PAIR(i + 1);
	}
}

attr_t
theme_attr(enum ui_role r)
{
	return (ui_theme.attr[r]);
}

/* Columns one multibyte character takes; bytes it spans in *len. */
static int
char_width(const char *s, size_t *len)
{
	mbstate_t	st;
	wchar_t		wc;
	size_t		n;
	int		w;

	memset(&st, 0, sizeof(st));
	n = mbrtowc(&wc, s, MB_CUR_MAX, &st);
	if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
		*len = 1;
		return (1);
	}
	*len = n;
	w = wcwidth(wc);
	return (w < 0 ? 1 : w);
}

int
ui_put(WINDOW *win, enum ui_role r, const char *s)
{
	int	 y, x, maxy, maxx, room, used = 0, w;
	size_t	 len, bytes = 0;

	getyx(win, y, x);
	getmaxyx(win, maxy, maxx);
	(void)y;
	(void)maxy;
	room = maxx - x;
	while (s[bytes] != '\0' && s[bytes] != '\n') {
		w = char_width(s + bytes, &len);
		if (used + w > room)
			break;
		used += w;
		bytes += len;
	}
	if (bytes == 0)
		return (0);
	wattr_on(win, theme_attr(r), NULL);
	waddnstr(win, s, (int)bytes);
	wattr_off(win, theme_attr(r), NULL);
	/* Writing the last column leaves the cursor there; keep it put. */
	if (x + used >= maxx)
		wmove(win, y, maxx - 1);
	return (used);
}

int
ui_printf(WINDOW *win, enum ui_role r, const char *fmt, ...)
{
	char	buf[1024];
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	return (ui_put(win, r, buf));
}

void
ui_heading(WINDOW *win, const char *title, const char *right)
{
	int	maxx = getmaxx(win), rl;

	wattr_on(win, theme_attr(UI_HEADING), NULL);
	mvwhline(win, 0, 0, ' ', maxx);
	wattr_off(win, theme_attr(UI_HEADING), NULL);
	wmove(win, 0, 1);
	ui_put(win, UI_HEADING, title);
	if (right != NULL && (rl = (int)strlen(right)) + 2 < maxx - getcurx(win)) {
		wmove(win, 0, maxx - rl - 1);
		ui_put(win, UI_HEADING, right);
	}
}

int
ui_wrap(const char *s, int w, void (*line)(void *, const char *, int),
    void *arg)
{
	const char	*p = s, *brk, *q;
	size_t		 len;
	int		 n = 0, cols, cw;

	if (w < 1)
		return (0);
	while (*p != '\0') {
		cols = 0;
		brk = NULL;
		for (q = p; *q != '\0' && *q != '\n'; q += len) {
			cw = char_width(q, &len);
			if (cols + cw > w)
				break;
			cols += cw;
			if (*q == ' ')
				brk = q;
		}
		if (*q != '\0' && *q != '\n' && brk != NULL && brk > p)
			q = brk;	/* break at the last space that fits */
		if (q == p) {	/* one character wider than the line */
			char_width(p, &len);
			q = p + len;
		}
		if (line != NULL)
			line(arg, p, (int)(q - p));
		n++;
		p = q;
		while (*p == ' ' || *p == '\n')
			p++;
	}
	return (n);
}

void
ui_log_push(struct ui_log *log, const char *s)
{
	int	i;

	if (s == NULL || *s == '\0')
		return;
	i = (log->head + log->n) % UI_LOG_MAX;
	if (log->n == UI_LOG_MAX) {
		i = log->head;
		log->head = (log->head + 1) % UI_LOG_MAX;
	} else
		log->n++;
	strlcpy(log->line[i], s, sizeof(log->line[i]));
}

const char *
ui_log_get(const struct ui_log *log, int i)
{
	return (log->line[(log->head + i) % UI_LOG_MAX]);
}
