/*
 * The banner (banner.h): the mode on the left and the state on the
 * right, each a badge of big letters: the badge is filled with its
 * role's attribute and the letters drawn in it, so that they read in
 * colour and in reverse video alike. The size is chosen for the widest
 * words, so a change of state never moves the layout.
 */
#include <stdio.h>
#include <string.h>

#include "ipcscope/verdict.h"
#include "banner.h"
#include "bigtext.h"

#define WIDEST_MODE	"RUNNING"
#define WIDEST_STATE	"DEADLOCK"
#define PX_MAX		6

/* Columns a badge takes: the word and one pixel either side. */
static int
badge_width(const char *word, int px)
{
	return (bigtext_width(word, px) + 2 * px);
}

/* The largest letters that fit both badges, a gap and a line under them. */
static int
banner_px(int w, int h)
{
	int	px;

	for (px = PX_MAX; px > 0; px--) {
		/* Without the half blocks a pixel must be whole rows. */
		if (!ui_theme.utf8 && px % 2 != 0)
			continue;
		if (badge_width(WIDEST_MODE, px) + badge_width(WIDEST_STATE,
		    px) + 4 <= w && bigtext_rows(px) + 1 <= h)
			return (px);
	}
	return (0);
}

int
banner_height(int w, int maxh)
{
	int	px = banner_px(w, maxh);

	return (px > 0 ? bigtext_rows(px) + 1 : 0);
}

static void
badge(WINDOW *win, int x, const char *word, int px, enum ui_role role)
{
	bigtext_fill(win, 0, x, bigtext_rows(px), badge_width(word, px),
	    theme_attr(role));
	bigtext_draw(win, 0, x + px, word, px, theme_attr(role));
}

static enum ui_role
state_role(enum verdict v)
{
	switch (v) {
	case VERDICT_FULL:
		return (UI_FULL);
	case VERDICT_EMPTY:
		return (UI_HEADING);
	case VERDICT_BLOCKED:
		return (UI_BLOCKED);
	case VERDICT_DEADLOCK:
		return (UI_WARN);
	default:
		return (UI_NORMAL);
	}
}

/* The line under the badges: what the state means, and who sleeps. */
static void
detail(const struct snapshot *snap, enum verdict v, char *buf, size_t len)
{
	const struct snap_buffer	*b = ui_buffer(snap);
	char				 who[512];

	verdict_sleepers(snap, who, sizeof(who));
	switch (v) {
	case VERDICT_FULL:
		snprintf(buf, len, "%s (%d of %d)%s%s", b->has_inout ?
		    "every slot holds an item" : "the queue holds all it may",
		    b->count, b->capacity, who[0] != '\0' ? ": " : "", who);
		break;
	case VERDICT_EMPTY:
		snprintf(buf, len, "no item to take (0 of %d)%s%s",
		    b->capacity, who[0] != '\0' ? ": " : "", who);
		break;
	case VERDICT_DEADLOCK:
		snprintf(buf, len, "every live worker is asleep in the kernel, "
		    "and none is left to wake another: %s", who);
		break;
	case VERDICT_BLOCKED:
		snprintf(buf, len, "%s", who);
		break;
	default:
		snprintf(buf, len, "nobody asleep in the kernel, %d of %d %s",
		    b->count, b->capacity, b->has_inout ? "slots full" :
		    "items queued");
		break;
	}
}

void
banner_draw(WINDOW *win, const struct snapshot *snap,
    const struct ui_status *st)
{
	enum verdict	 v = verdict_of(snap);
	char		 line[768];

	detail(snap, v, line, sizeof(line));
	banner_words(win, st->word != NULL ? st->word : "", st->role,
	    verdict_word(v), state_role(v), line);
}

void
banner_words(WINDOW *win, const char *mode, enum ui_role mode_role,
    const char *state, enum ui_role sr, const char *line)
{
	int	h, w, px;

	getmaxyx(win, h, w);
	if ((px = banner_px(w, h)) == 0)
		return;
	if (bigtext_width(mode, px) > 0)
		badge(win, 1, mode, px, mode_role);
	if (*state != '\0' && bigtext_width(state, px) > 0)
		badge(win, w - 1 - badge_width(state, px), state, px, sr);
	wmove(win, bigtext_rows(px), 1);
	ui_put(win, UI_NORMAL, line);
}
