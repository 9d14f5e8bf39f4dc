/*
 * Colours and glyphs by meaning, in themes: dark (the terminal's own dark
 * background), light (a white one: no yellow or cyan text), projector
 * (paints black on white itself, everything bold, for a washed-out
 * beamer) and mono (attributes only). ncurses ignores NO_COLOR, so we
 * honour it here; without a UTF-8 codeset wide glyphs would print as
 * blanks, so we fall back to ASCII. Every role also has a non-colour
 * attribute or a word on screen (theme_cue), so colour is never the only
 * cue; tests/unit/test_theme.c checks that and each pair's WCAG contrast.
 */
#include <langinfo.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "ipcscope/ui.h"
#include "ui_int.h"

struct ui_theme	ui_theme;

static const struct ui_glyphs glyphs_utf8 = {
	.full = "\u2588", .empty = "\u00b7", .arrow = "\u2192",
	.ellipsis = "\u2026", .up = "\u2191"
};
static const struct ui_glyphs glyphs_ascii = {
	.full = "#", .empty = ".", .arrow = "->", .ellipsis = "...", .up = "^"
};

/* Reading aids that are not colour, for roles whose attribute is plain. */
const char *const theme_cue[UI_NROLES] = {
	[UI_NORMAL] = "plain text: the baseline",
	[UI_EMPTY] = "an empty slot reads --- (or a dot)",
	[UI_IN] = "the word in under the slot",
	[UI_OUT] = "the word out under the slot",
	[UI_BLOCKED] = "the word BLOCKED",
	[UI_READY] = "the word ready",
	[UI_DIM] = "labels stand before their values; the dead say DEAD",
	[UI_MODE_STEP] = "the badge spells the mode",
	[UI_MODE_RUN] = "the badge spells the mode",
	[UI_WARN] = "the sentence says what is wrong",
};

#define R(fg, bg, fg8, bg8, a)	{ fg, bg, fg8, bg8, a }
#define D	-1		/* the terminal's default colour */
#define B	A_BOLD
#define U	A_UNDERLINE

/*
 * xterm-256 indexes used: 16 black, 231 white, 18 navy, 22 dark green,
 * 24 deep blue, 88 dark red, 90 dark magenta, 94 brown, 117 sky blue,
 * 120 light green, 124 red, 203 salmon, 210 pink, 214 orange, 226 yellow,
 * 238/240/245 greys. The 8 basic ones: 0 black, 1 red, 2 green, 3 yellow,
 * 4 blue, 5 magenta, 6 cyan, 7 white (xterm's e5e5e5).
 */
const struct theme_def theme_defs[] = {
	{ "dark", "for a dark terminal background (the default)", true, false,
	    7, 0, 7, 0, NULL, NULL, {
	[UI_NORMAL]	= R(D, D, D, D, A_NORMAL),
	[UI_HEADING]	= R(16, 117, 0, 6, B),
	[UI_DIM]	= R(245, D, 7, D, A_NORMAL),
	[UI_FULL]	= R(231, 22, 7, 4, B),
	[UI_EMPTY]	= R(245, D, 7, D, A_NORMAL),
	[UI_IN]		= R(120, D, 2, D, B),
	[UI_OUT]	= R(214, D, 3, D, B),
	[UI_BLOCKED]	= R(231, 124, 7, 1, B),
	[UI_READY]	= R(117, D, 6, D, A_NORMAL),
	[UI_SELECTED]	= R(D, D, D, D, A_REVERSE),
	[UI_CHANGED]	= R(226, D, 3, D, B | U),
	[UI_MODE_STEP]	= R(16, 226, 0, 3, B),
	[UI_MODE_RUN]	= R(16, 120, 0, 2, B),
	[UI_WARN]	= R(210, D, 3, D, B),
	} },
	{ "light", "for a white terminal background: no yellow or cyan text",
	    true, false, 0, 15, 0, 7, "\u25a0", NULL, {
	[UI_NORMAL]	= R(D, D, D, D, A_NORMAL),
	[UI_HEADING]	= R(231, 24, 7, 4, B),
	[UI_DIM]	= R(240, D, 0, D, A_NORMAL),
	[UI_FULL]	= R(231, 22, 7, 4, B),
	[UI_EMPTY]	= R(240, D, 0, D, A_NORMAL),
	[UI_IN]		= R(22, D, 4, D, B),
	[UI_OUT]	= R(94, D, 1, D, B),
	[UI_BLOCKED]	= R(231, 124, 7, 1, B),
	[UI_READY]	= R(18, D, 4, D, A_NORMAL),
	[UI_SELECTED]	= R(D, D, D, D, A_REVERSE),
	[UI_CHANGED]	= R(88, D, 1, D, B | U),
	[UI_MODE_STEP]	= R(231, 18, 7, 4, B),
	[UI_MODE_RUN]	= R(231, 22, 0, 2, B),
	[UI_WARN]	= R(124, D, 1, D, B),
	} },
	{ "projector", "black on white it paints itself, bold, thick blocks",
	    true, true, 16, 231, 0, 7, "\u25a0", "\u25a1", {
	[UI_NORMAL]	= R(D, D, D, D, B),
	[UI_HEADING]	= R(231, 18, 7, 4, B),
	[UI_DIM]	= R(238, D, 0, D, B),
	[UI_FULL]	= R(231, 22, 7, 4, B),
	[UI_EMPTY]	= R(238, D, 0, D, B),
	[UI_IN]		= R(22, D, 4, D, B | U),
	[UI_OUT]	= R(88, D, 1, D, B | U),
	[UI_BLOCKED]	= R(231, 124, 7, 1, B),
	[UI_READY]	= R(18, D, 4, D, B),
	[UI_SELECTED]	= R(D, D, D, D, A_REVERSE | B),
	[UI_CHANGED]	= R(231, 90, 0, 3, B | U),
	[UI_MODE_STEP]	= R(231, 18, 7, 4, B),
	[UI_MODE_RUN]	= R(231, 22, 0, 2, B),
	[UI_WARN]	= R(124, D, 1, D, B),
	} },
	{ "mono", "no colour: bold, underline, reverse and words", false,
	    false, 7, 0, 7, 0, "#", NULL, {
	[UI_NORMAL]	= R(D, D, D, D, A_NORMAL),
	[UI_HEADING]	= R(D, D, D, D, A_REVERSE),
	[UI_DIM]	= R(D, D, D, D, A_DIM),
	[UI_FULL]	= R(D, D, D, D, A_REVERSE | B),
	[UI_EMPTY]	= R(D, D, D, D, A_NORMAL),
	[UI_IN]		= R(D, D, D, D, B),
	[UI_OUT]	= R(D, D, D, D, B),
	[UI_BLOCKED]	= R(D, D, D, D, B | U),
	[UI_READY]	= R(D, D, D, D, A_NORMAL),
	[UI_SELECTED]	= R(D, D, D, D, A_REVERSE),
	[UI_CHANGED]	= R(D, D, D, D, B | U),
	[UI_MODE_STEP]	= R(D, D, D, D, B | A_REVERSE),
	[UI_MODE_RUN]	= R(D, D, D, D, B | A_REVERSE),
	[UI_WARN]	= R(D, D, D, D, B),
	} },
};
const int theme_ndefs = sizeof(theme_defs) / sizeof(theme_defs[0]);

#undef R
#undef D
#undef B
#undef U

#define THEME_MONO	3	/* theme_defs[] index of mono */

static int	theme_wanted = -1;	/* --theme, or -1 */
static int	theme_cur;

int
ui_theme_find(const char *name)
{
	int	i;

	for (i = 0; i < theme_ndefs; i++)
		if (strcmp(theme_defs[i].name, name) == 0)
			return (i);
	return (-1);
}

const char *
ui_theme_names(void)
{
	static char	buf[128];
	int		i;

	buf[0] = '\0';
	for (i = 0; i < theme_ndefs; i++) {
		if (i > 0)
			strlcat(buf, ", ", sizeof(buf));
		strlcat(buf, theme_defs[i].name, sizeof(buf));
	}
	return (buf);
}

void
theme_prefer(const char *name)
{
	theme_wanted = name != NULL ? ui_theme_find(name) : -1;
}

/* Pairs and attributes of theme i; the terminal already has colour. */
static void
theme_apply(int i)
{
	const struct theme_def	*t = &theme_defs[i];
	const struct theme_role	*r;
	bool			 c256 = COLORS >= 256;
	int			 k;

	theme_cur = i;
	ui_theme.def = t;
	ui_theme.g = ui_theme.utf8 ? glyphs_utf8 : glyphs_ascii;
	if (t->full != NULL)
		ui_theme.g.full = ui_theme.utf8 ? t->full : "#";
	if (t->empty != NULL && ui_theme.utf8)
		ui_theme.g.empty = t->empty;
	if (ui_theme.color) {
		if (t->paints)
			assume_default_colors(c256 ? t->def_fg : t->def_fg8,
			    c256 ? t->def_bg : t->def_bg8);
		else
			assume_default_colors(-1, -1);
	}
	for (k = 0; k < UI_NROLES; k++) {
		r = &t->role[k];
		if (!ui_theme.color || !t->color) {
			/* Colour pair 0: the terminal's own colours. */
			ui_theme.attr[k] = r->attr;
			continue;
		}
		init_pair((short)(k + 1), c256 ? r->fg : r->fg8,
		    c256 ? r->bg : r->bg8);
		ui_theme.attr[k] = r->attr | COLOR_PAIR(k + 1);
	}
}

void
theme_init(void)
{
	const char	*nc = getenv("NO_COLOR");
	int		 i;

	ui_theme.utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
	ui_theme.color = has_colors();
	if (ui_theme.color) {
		start_color();
		use_default_colors();
	}
	/* No colour, asked (NO_COLOR) or for want of it: mono. --theme
	 * overrides NO_COLOR, as no-color.org says an option should. */
	if (!ui_theme.color)
		i = THEME_MONO;
	else if (theme_wanted >= 0)
		i = theme_wanted;
	else if (nc != NULL && *nc != '\0')
		i = THEME_MONO;
	else
		i = 0;
	theme_apply(i);
}

void
theme_next(void)
{
	if (!ui_theme.color)
		return;		/* the terminal has only mono */
	theme_apply((theme_cur + 1) % theme_ndefs);
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

int
ui_width(const char *s)
{
	size_t	len;
	int	w = 0;

	for (; *s != '\0'; s += len)
		w += char_width(s, &len);
	return (w);
}

const char *
ui_fit(const char *s, int cols, char *buf, size_t buflen)
{
	const char	*el = ui_theme.g.ellipsis != NULL ? ui_theme.g.ellipsis :
			    "...";
	size_t		 len, bytes = 0;
	int		 used = 0, room, w;

	if (ui_width(s) <= cols) {
		strlcpy(buf, s, buflen);
		return (buf);
	}
	room = cols - ui_width(el);
	while (s[bytes] != '\0') {
		w = char_width(s + bytes, &len);
		if (used + w > room)
			break;
		used += w;
		bytes += len;
	}
	snprintf(buf, buflen, "%.*s%s", (int)bytes, s, cols >= ui_width(el) ?
	    el : "");
	return (buf);
}

/* The title bar: title on the left, right on the right; when both do not
 * fit, the title gives way (marked), never the right part, which holds
 * the counts ("+2 more"). */
void
ui_heading(WINDOW *win, const char *title, const char *right)
{
	char	buf[256];
	int	maxx = getmaxx(win), rl = right != NULL ? ui_width(right) : 0;

	wattr_on(win, theme_attr(UI_HEADING), NULL);
	mvwhline(win, 0, 0, ' ', maxx);
	wattr_off(win, theme_attr(UI_HEADING), NULL);
	wmove(win, 0, 1);
	ui_put(win, UI_HEADING, ui_fit(title, maxx - 2 - (rl > 0 ? rl + 2 : 0),
	    buf, sizeof(buf)));
	if (rl > 0 && rl + 2 <= maxx) {
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
