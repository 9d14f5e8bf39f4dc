/*
 * The header (what runs) and the status line (the mode in large letters,
 * what the source says beside it, and the keys that matter now).
 */
#include <stdio.h>
#include <string.h>

#include "ipcscope/keys.h"
#include "ui_int.h"

/* s at the cursor if the line has room for it, else as much as fits
 * with the ellipsis: never cut unmarked. */
static void
put_fit(WINDOW *win, enum ui_role r, const char *s)
{
	char	buf[256];

	ui_put(win, r, ui_fit(s, getmaxx(win) - getcurx(win), buf, sizeof(buf)));
}

/* A narrow header has no room for the counts: what a race broke, when
 * it did and where it fits. */
static void
header_race(WINDOW *win, const struct snapshot *snap, int w)
{
	char	buf[64];

	if (snap->audit.lost == 0 && snap->audit.duplicates == 0)
		return;
	snprintf(buf, sizeof(buf), "  lost %lu, dup %lu", snap->audit.lost,
	    snap->audit.duplicates);
	if (getcurx(win) + (int)strlen(buf) <= w)
		ui_put(win, UI_WARN, buf);
}

void
panel_header_draw(WINDOW *win, const struct snapshot *snap)
{
	char	buf[256];
	int	w = getmaxx(win);

	wmove(win, 0, 0);
	ui_put(win, UI_NORMAL, "ipcscope ");
	ui_printf(win, UI_DIM, "%s ", ui_theme.g.arrow);
	if (snap->graph[0] != '\0')
		snprintf(buf, sizeof(buf), "graph %s", snap->graph);
	else
		snprintf(buf, sizeof(buf), "%s (%s)", snap->title,
		    snap->transport);
	put_fit(win, UI_NORMAL, buf);
	if (w < 100) {
		header_race(win, snap, w);
		return;
	}
	snprintf(buf, sizeof(buf), "   produced %lu, consumed %lu",
	    snap->produced, snap->consumed);
	put_fit(win, UI_DIM, buf);
	if (snap->audit.duplicates > 0 || snap->audit.out_of_order > 0) {
		snprintf(buf, sizeof(buf), "  duplicates %lu, out of order %lu",
		    snap->audit.duplicates, snap->audit.out_of_order);
		put_fit(win, UI_WARN, buf);
	}
	if (snap->audit.lost > 0) {
		snprintf(buf, sizeof(buf), "  lost %lu", snap->audit.lost);
		put_fit(win, UI_WARN, buf);
	}
	if (snap->audit.misrouted > 0) {
		snprintf(buf, sizeof(buf), "  misrouted %lu",
		    snap->audit.misrouted);
		put_fit(win, UI_WARN, buf);
	}
}

/* The hints of the keys every mode keeps (help, quit): never dropped. */
static bool
essential(unsigned face, const char *hint)
{
	size_t	i;

	for (i = 0; i < key_nrows; i++)
		if ((key_rows[i].faces & face) &&
		    (key_rows[i].action[0] == ACT_HELP ||
		    key_rows[i].action[0] == ACT_QUIT) &&
		    ((key_rows[i].hint_step != NULL &&
		    strcmp(key_rows[i].hint_step, hint) == 0) ||
		    (key_rows[i].hint_run != NULL &&
		    strcmp(key_rows[i].hint_run, hint) == 0)))
			return (true);
	return (false);
}

/*
 * The hints that fit in room columns, "  " apart: the others drop from
 * the right, the essential ones stay, and an ellipsis marks the gap.
 */
static void
fit_hints(unsigned face, char *hints, int room, char *out, size_t len)
{
	char	*h[32], *p = hints, *q;
	bool	 keep[32];
	int	 n = 0, i, w, k;

	while (n < 32 && *p != '\0') {
		h[n] = p;
		if ((q = strstr(p, "  ")) != NULL) {
			*q = '\0';
			p = q + 2;
		} else
			p += strlen(p);
		keep[n] = true;
		n++;
	}
	for (;;) {
		out[0] = '\0';
		for (i = 0; i < n; i++) {
			/* One ellipsis where one or more hints dropped. */
			if (!keep[i] && i > 0 && !keep[i - 1])
				continue;
			if (out[0] != '\0')
				strlcat(out, "  ", len);
			strlcat(out, keep[i] ? h[i] : ui_theme.g.ellipsis, len);
		}
		w = ui_width(out);
		/* Drop the rightmost hint that may go. */
		for (k = n - 1; k >= 0 && (!keep[k] || essential(face, h[k]));
		    k--)
			;
		if (w <= room || k < 0)
			return;
		keep[k] = false;
	}
}

void
statusbar_draw(WINDOW *win, const struct ui_status *st)
{
	char	 hints[256], fitted[256], detail[64], theme[32];
	int	 w = getmaxx(win), room, need;

	keys_hints(st->face, st->running, w, hints, sizeof(hints));
	/* The essential hints always fit: the detail gives way first. */
	fit_hints(st->face, hints, 0, fitted, sizeof(fitted));
	need = ui_width(st->badge) + 1 + ui_width(fitted);
	ui_fit(st->detail, w - need - 1, detail, sizeof(detail));
	room = w - ui_width(st->badge) - 1 - (detail[0] != '\0' ?
	    ui_width(detail) + 1 : 0);
	keys_hints(st->face, st->running, w, hints, sizeof(hints));
	fit_hints(st->face, hints, room, fitted, sizeof(fitted));
	wmove(win, 0, 0);
	ui_put(win, st->role, st->badge);
	ui_put(win, UI_NORMAL, " ");
	if (detail[0] != '\0')
		ui_printf(win, UI_DIM, "%s ", detail);
	ui_put(win, UI_NORMAL, fitted);
	/* The theme's name, where there is room for it. */
	if (ui_theme.def != NULL) {
		snprintf(theme, sizeof(theme), "theme %s", ui_theme.def->name);
		if (getcurx(win) + 2 + ui_width(theme) < w) {
			wmove(win, 0, w - ui_width(theme) - 1);
			ui_put(win, UI_DIM, theme);
		}
	}
}
