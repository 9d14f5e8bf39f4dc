/* The keys, in one table (see keys.h); everything else is read from it. */
#include <stdio.h>
#include <string.h>

#include "ipcscope/keys.h"

const struct key_row key_rows[] = {
	{ { ' ' }, { ACT_STEP_ANY }, "space", "step the next worker one step",
	    KEYS_DEMO, "space step", NULL, HINT_STEP },
	{ { 'p', 'c' }, { ACT_STEP_PRODUCER, ACT_STEP_CONSUMER }, "p / c",
	    "step a producer / a consumer", KEYS_DEMO, "p/c", NULL, HINT_STEP },
	{ { 'r' }, { ACT_RUN }, "r", "run in slow motion / pause",
	    KEYS_DEMO, "r run", "r pause", HINT_ALWAYS },
	{ { '+', '-' }, { ACT_FASTER, ACT_SLOWER }, "+ / -", "faster / slower",
	    KEYS_DEMO, NULL, "+/- pace", HINT_RUN },
	{ { '[', ']' }, { ACT_CONSUMERS_AHEAD, ACT_PRODUCERS_AHEAD }, "[ / ]",
	    "consumers ahead / producers ahead", KEYS_DEMO, NULL, "[/] ahead",
	    HINT_RUN },
	{ { IK_ENTER, 'f' }, { ACT_STEP_SELECTED, ACT_STEP_STAGE }, "enter",
	    "step the selected worker (tab picks it); f: its --graph stage",
	    KEYS_DEMO, NULL, NULL, HINT_NEVER },
	{ { '1', '8' }, { ACT_PICK, ACT_PICK }, "1..8",
	    "then p / c: step P1..P8 / C1..C8 and select it",
	    KEYS_DEMO, NULL, NULL, HINT_NEVER },
	{ { 'n' }, { ACT_NEXT_MARK }, "n",
	    "play the scenario (--scenario) on to its next pause", KEYS_DEMO,
	    NULL, NULL, HINT_NEVER },
	{ { 'g' }, { ACT_GRAIN }, "g", "one step per system call / per item",
	    KEYS_DEMO, "g grain", "g grain", HINT_WIDE },
	{ { 'P', 'C' }, { ACT_ADD_PRODUCER, ACT_ADD_CONSUMER }, "P / C",
	    "add a producer / a consumer (up to 8 each)", KEYS_DEMO,
	    "P/C add", "P/C add", HINT_WIDE },
	{ { IK_NEXT, IK_PREV }, { ACT_SELECT_NEXT, ACT_SELECT_PREV },
	    "tab", "select the next worker (arrows too)", KEYS_DEMO, NULL, NULL,
	    HINT_NEVER },
	{ { 'k' }, { ACT_KILL }, "k", "kill the selected worker with SIGKILL",
	    KEYS_DEMO, "k kill", "k kill", HINT_ALWAYS },
	{ { 't' }, { ACT_TRANSPORT }, "t", "switch to the next transport",
	    KEYS_DEMO, "t transport", "t transport", HINT_WIDE },
	{ { 'v' }, { ACT_CODE }, "v", "the code panel: show / hide (beside "
	    "the buffer on a large terminal)", KEYS_DEMO | KEYS_REPLAY,
	    "v code", "v code", HINT_WIDE },
	{ { 's' }, { ACT_SAVE }, "s", "save this frame as .txt and .svg in "
	    "the current directory", KEYS_DEMO | KEYS_REPLAY, "s save",
	    "s save", HINT_WIDE },
	{ { 'b' }, { ACT_BENCH }, "b", "this transport's last figures from "
	    "ipcscope bench", KEYS_DEMO, NULL, NULL, HINT_NEVER },
	{ { IK_BACK, IK_FORTH }, { ACT_BACK, ACT_FORTH }, "left / right",
	    "one step back / forth", KEYS_REPLAY, "left/right step", NULL,
	    HINT_STEP },
	{ { IK_FIRST, IK_LAST }, { ACT_FIRST, ACT_LAST }, "home / end",
	    "the first / the last step", KEYS_REPLAY, "home/end", NULL,
	    HINT_WIDE },
	{ { 'r' }, { ACT_RUN }, "r", "play at the recorded pace / pause",
	    KEYS_REPLAY, "r play", "r pause", HINT_ALWAYS },
	{ { '+', '-' }, { ACT_FASTER, ACT_SLOWER }, "+ / -", "faster / slower",
	    KEYS_REPLAY, NULL, "+/- pace", HINT_RUN },
	{ { 'z' }, { ACT_ZOOM }, "z", "the buffer alone, as large as it goes / "
	    "every panel", KEYS_DEMO | KEYS_REPLAY, "z zoom", "z zoom",
	    HINT_WIDE },
	{ { 'T' }, { ACT_THEME }, "T",
	    "the next theme: dark, light, projector, mono",
	    KEYS_DEMO | KEYS_REPLAY, "T theme", "T theme", HINT_WIDE },
	{ { '?' }, { ACT_HELP }, "?", "this help", KEYS_DEMO | KEYS_REPLAY,
	    "? help", "? help", HINT_ALWAYS },
	{ { 'q' }, { ACT_QUIT }, "q", "quit, removing every object", KEYS_DEMO,
	    "q quit", "q quit", HINT_ALWAYS },
	{ { 'q' }, { ACT_QUIT }, "q", "quit", KEYS_REPLAY, "q quit", "q quit",
	    HINT_ALWAYS },
	{ { IK_PREV, IK_NEXT }, { ACT_SELECT_PREV, ACT_SELECT_NEXT },
	    "up / down", "select an object; inside one, scroll", KEYS_WATCH,
	    NULL, NULL, HINT_NEVER },
	{ { IK_PGUP, IK_PGDN }, { ACT_PAGE_UP, ACT_PAGE_DOWN }, "pgup / pgdn",
	    "a page up / down", KEYS_WATCH, NULL, NULL, HINT_NEVER },
	{ { IK_OPEN }, { ACT_OPEN }, "enter", "look inside the selected object",
	    KEYS_WATCH, "enter inside", NULL, HINT_ALWAYS },
	{ { IK_CLOSE }, { ACT_CLOSE }, "esc", "back to the list (backspace too)",
	    KEYS_WATCH, NULL, NULL, HINT_NEVER },
	{ { 's', 'S' }, { ACT_SORT_NEXT, ACT_SORT_REVERSE }, "s / S",
	    "sort by the next column / reverse the order", KEYS_WATCH,
	    "s/S sort", NULL, HINT_ALWAYS },
	{ { 't' }, { ACT_TYPE_NEXT }, "t",
	    "show one type, the next (all, shm, msg, sem, posix)", KEYS_WATCH,
	    "t type", NULL, HINT_ALWAYS },
	{ { '/' }, { ACT_FILTER }, "/",
	    "filter by owner, key or name (enter ends, empty clears)",
	    KEYS_WATCH, "/ filter", NULL, HINT_ALWAYS },
	{ { '?' }, { ACT_HELP }, "?", "this help", KEYS_WATCH, "? help", NULL,
	    HINT_ALWAYS },
	{ { 'q' }, { ACT_QUIT }, "q", "quit", KEYS_WATCH, "q quit", NULL,
	    HINT_ALWAYS },
	{ { ' ' }, { ACT_STEP_SELECTED }, "space",
	    "let the selected program's call run, to its next IPC call",
	    KEYS_STEP, "space step", NULL, HINT_ALWAYS },
	{ { '1', '4' }, { ACT_PICK, ACT_PICK }, "1..4",
	    "select program 1..4 (its column)", KEYS_STEP, "1-4 select", NULL,
	    HINT_WIDE },
	{ { IK_NEXT, IK_PREV }, { ACT_SELECT_NEXT, ACT_SELECT_PREV }, "tab",
	    "select the next program (back-tab: the one before)", KEYS_STEP,
	    "tab next", NULL, HINT_WIDE },
	{ { 'T' }, { ACT_THEME }, "T",
	    "the next theme: dark, light, projector, mono", KEYS_STEP,
	    "T theme", NULL, HINT_WIDE },
	{ { '?' }, { ACT_HELP }, "?", "this help", KEYS_STEP, "? help", NULL,
	    HINT_ALWAYS },
	{ { 'q' }, { ACT_QUIT }, "q", "quit: what runs on is let go, or "
	    "killed with --kill; each is named", KEYS_STEP, "q quit", NULL,
	    HINT_ALWAYS },
};

const size_t key_nrows = sizeof(key_rows) / sizeof(key_rows[0]);

/* Each face's text in a buffer of its own: --help prints all at once. */
static int
face_slot(unsigned face)
{
	return (face == KEYS_REPLAY ? 1 : face == KEYS_WATCH ? 2 :
	    face == KEYS_STEP ? 3 : 0);
}

enum key_action
keys_action(unsigned face, int key)
{
	size_t	i;
	int	j;

	for (i = 0; i < key_nrows; i++)
		for (j = 0; j < 2 && (face & key_rows[i].faces); j++)
			if ((key_rows[i].keys[j] == key || (j == 0 &&
			    key_rows[i].action[0] == ACT_PICK &&
			    key > key_rows[i].keys[0] &&
			    key < key_rows[i].keys[1])) && key != 0)
				return (key_rows[i].action[j]);
	return (ACT_NONE);
}

const char *
keys_help(unsigned face)
{
	static char	buf[4][1024];
	char		line[128], *b = buf[face_slot(face)];
	size_t		i;
	int		w = 5;

	/* The labels in one column, one space past the longest. */
	for (i = 0; i < key_nrows; i++)
		if ((key_rows[i].faces & face) &&
		    (int)strlen(key_rows[i].label) > w)
			w = (int)strlen(key_rows[i].label);
	b[0] = '\0';
	for (i = 0; i < key_nrows; i++) {
		if (!(key_rows[i].faces & face))
			continue;
		snprintf(line, sizeof(line), "%-*s  %s\n", w,
		    key_rows[i].label, key_rows[i].help);
		strlcat(b, line, sizeof(buf[0]));
	}
	return (b);
}

const char *
keys_script(unsigned face)
{
	static char	buf[4][64];
	char		*b = buf[face_slot(face)], one[2] = "";
	size_t		i;
	int		j, k;

	b[0] = '\0';
	for (i = 0; i < key_nrows; i++)
		for (j = 0; j < 2 && (key_rows[i].faces & face); j++) {
			k = key_rows[i].keys[j];
			/* Characters only, each once; a range whole. */
			do {
				if (k <= 0 || k > 0x7e || strchr(b, k) != NULL)
					continue;
				one[0] = (char)k;
				strlcat(b, one, sizeof(buf[0]));
			} while (j == 0 && key_rows[i].action[0] == ACT_PICK &&
			    k++ < key_rows[i].keys[1]);
		}
	return (b);
}

void
keys_hints(unsigned face, bool running, int cols, char *buf, size_t len)
{
	const struct key_row	*r;
	const char		*h;
	size_t			 i;

	buf[0] = '\0';
	for (i = 0; i < key_nrows; i++) {
		r = &key_rows[i];
		h = running ? r->hint_run : r->hint_step;
		if (!(r->faces & face) || h == NULL || r->when == HINT_NEVER ||
		    (r->when == HINT_STEP && running) ||
		    (r->when == HINT_RUN && !running) ||
		    (r->when == HINT_WIDE && cols < 100))
			continue;
		if (buf[0] != '\0')
			strlcat(buf, "  ", len);
		strlcat(buf, h, len);
	}
}

void
keys_name(int key, char *buf, size_t len)
{
	if (key == ' ')
		strlcpy(buf, "space", len);
	else if (key == '\t')
		strlcpy(buf, "tab", len);
	else if (key == IK_ENTER)
		strlcpy(buf, "enter", len);
	else if (key > ' ' && key < 0x7f)
		snprintf(buf, len, "%c", key);
	else
		snprintf(buf, len, "key-%d", key);
}
