/*
 * The ncurses faces' loop: poll on the terminal, the signalfd and the
 * source's timer; each key becomes the source's reaction flags; then one
 * frame (werase, draw, wnoutrefresh per panel, one doupdate). The source
 * is the live demo (demo.c) or a recording (replay.c): the loop and the
 * panels do not know which. While paused it sleeps in poll(), no CPU.
 */
#include <sys/mman.h>

#include <err.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ipcscope/control.h"
#include "ipcscope/keys.h"
#include "ipcscope/sig.h"
#include "ipcscope/ui.h"
#include "ipcscope/visible.h"
#include "banner.h"
#include "ui_int.h"

#define CTRL_L	0x0c
#define ESC	0x1b
#define FRAMES_TICK_MS	100

static struct {
	pid_t		 pid;		/* the viewer: a forked worker never cleans up */
	SCREEN		*scr;
	bool		 curses;
	const struct ui_source *src;	/* stopped on every way out */
	int		 errfd, saved_err;
} ui = { .errfd = -1, .saved_err = -1 };

static struct snapshot	ui_snaps[2];
static struct ui_log	ui_events;

/*
 * stderr goes to a memfd while curses owns the terminal (htop's habit),
 * and is copied out after endwin, so an error is read, not lost.
 */
static void
ui_stderr_capture(void)
{
	if ((ui.errfd = memfd_create("ipcscope-stderr", MFD_CLOEXEC)) == -1)
		return;
	ui.saved_err = dup(STDERR_FILENO);
	if (ui.saved_err == -1 || dup2(ui.errfd, STDERR_FILENO) == -1) {
		close(ui.errfd);
		ui.errfd = -1;
	}
}

static void
ui_stderr_release(void)
{
	char	buf[4096];
	ssize_t	n;

	if (ui.errfd == -1)
		return;
	dup2(ui.saved_err, STDERR_FILENO);
	close(ui.saved_err);
	if (lseek(ui.errfd, 0, SEEK_SET) == 0)
		while ((n = read(ui.errfd, buf, sizeof(buf))) > 0)
			if (write(STDERR_FILENO, buf, (size_t)n) != n)
				break;
	close(ui.errfd);
	ui.errfd = ui.saved_err = -1;
}

/* Restore the terminal, then stop the source (the demo removes every
 * object): on every way out. */
static void
ui_done(void)
{
	const struct ui_source	*src = ui.src;

	if (getpid() != ui.pid)
		return;
	if (ui.curses) {
		help_free();
		endwin();
		ui.curses = false;
	}
	ui_stderr_release();
	ui.src = NULL;
	if (src != NULL && src->stop != NULL)
		src->stop(src->arg);
}

static void
draw_too_small(void)
{
	char	msg[96];

	werase(stdscr);
	snprintf(msg, sizeof(msg), "ipcscope needs at least %dx%d, this is "
	    "%dx%d", UI_MIN_COLS, UI_MIN_LINES, COLS, LINES);
	mvaddnstr(LINES / 2, (COLS - (int)strlen(msg)) / 2 > 0 ?
	    (COLS - (int)strlen(msg)) / 2 : 0, msg, COLS);
	if (LINES > 2)
		mvaddnstr(LINES / 2 + 1, 0, "make it bigger, or press q to quit",
		    COLS);
	wnoutrefresh(stdscr);
}

/*
 * The code panel when the terminal has no room for it beside the buffer
 * (v asked for it): over the panels under the buffer, or higher when it
 * needs more lines than they have.
 */
static void
draw_code_over(const struct ui_layout *L, const struct snapshot *s)
{
	WINDOW	*win;
	int	 y = L->kernel != NULL ? getbegy(L->kernel) : 1, h;

	h = panel_code_height(s);
	if (y + h > LINES - 1)
		y = LINES - 1 - h > 1 ? LINES - 1 - h : 1;
	if (h > LINES - 1 - y)
		h = LINES - 1 - y;
	if (h <= 0 || (win = newwin(h, COLS, y, 0)) == NULL)
		return;
	leaveok(win, TRUE);
	panel_code_draw(win, s, "v hides");
	wnoutrefresh(win);
	delwin(win);
}

static void
draw_frame(struct ui_layout *L, const struct ui_source *src,
    const struct snapshot *s, const struct snapshot *prev, bool remade,
    bool help, bool code, bool bench)
{
	struct ui_status	st;

	if (remade) {
		/* Parts no panel covers must not keep an old frame. */
		werase(stdscr);
		wnoutrefresh(stdscr);
	}
	if (L->too_small) {
		draw_too_small();
		return;
	}
	memset(&st, 0, sizeof(st));
	src->status(src->arg, s, &st);
	werase(L->header);
	panel_header_draw(L->header, s);
	wnoutrefresh(L->header);
	if (L->caption != NULL) {
		werase(L->caption);
		panel_caption_draw(L->caption, s);
		wnoutrefresh(L->caption);
	}
	/* Zoomed, or at 80x24, some panels have no window. */
	if (L->banner != NULL) {
		werase(L->banner);
		banner_draw(L->banner, s, &st);
		wnoutrefresh(L->banner);
	}
	werase(L->buffer);
	panel_buffer_draw_zoom(L->buffer, s, L->zoom);
	wnoutrefresh(L->buffer);
	if (L->kernel != NULL) {
		werase(L->kernel);
		panel_kernel_draw(L->kernel, s, prev, L->kernel_full);
		wnoutrefresh(L->kernel);
	}
	if (L->procs != NULL) {
		werase(L->procs);
		panel_procs_draw(L->procs, s);
		wnoutrefresh(L->procs);
	}
	if (L->log != NULL) {
		werase(L->log);
		panel_log_draw(L->log, s, &ui_events);
		wnoutrefresh(L->log);
	}
	werase(L->status);
	statusbar_draw(L->status, &st);
	wnoutrefresh(L->status);
	if (L->code != NULL) {
		werase(L->code);
		panel_code_draw(L->code, s, "v hides");
		wnoutrefresh(L->code);
	} else if (code && !L->code_fits)
		draw_code_over(L, s);
	if (help)
		help_draw(LINES, COLS, src->face);
	else if (bench)
		bench_box_draw(LINES, COLS, s->transport);
}

/* Curses keys onto the keys of keys.h. */
static int
map_key(int ch)
{
	switch (ch) {
	case KEY_UP:
	case KEY_BTAB:
		return (IK_PREV);
	case KEY_DOWN:
		return (IK_NEXT);
	case KEY_LEFT:
		return (IK_BACK);
	case KEY_RIGHT:
		return (IK_FORTH);
	case KEY_HOME:
		return (IK_FIRST);
	case KEY_END:
		return (IK_LAST);
	case KEY_ENTER:
	case '\n':
	case '\r':
		return (IK_ENTER);
	}
	return (ch);
}

int
ui_screen_start(void)
{
	const char	*term = getenv("TERM");
	char		 why[256];

	/* Refused here, the terminal never sees a byte but the one line. */
	if (term_check(why, sizeof(why)) == -1) {
		warnx("%s", why);
		return (-1);
	}
	/* newterm, not initscr: a failure is an error we report, not exit. */
	if ((ui.scr = newterm(NULL, stdout, stdin)) == NULL) {
		warnx("cannot start the screen on terminal type \"%s\"; use "
		    "--headless", visible(term != NULL ? term : ""));
		return (-1);
	}
	ui.pid = getpid();
	ui.curses = true;
	atexit(ui_done);
	ui_stderr_capture();
	set_escdelay(25);
	cbreak();
	noecho();
	nonl();
	curs_set(0);
	theme_init();
	return (0);
}

void
ui_screen_end(void)
{
	ui_done();
	if (ui.scr != NULL)
		delscreen(ui.scr);
	ui.scr = NULL;
}

/* What the loop must do next, as keys and samples leave it. */
struct loop_state {
	bool	sample;		/* ask the source for a new frame */
	bool	dirty;		/* draw it */
	bool	force;		/* remake the windows first */
	bool	repaint;	/* and every cell of the terminal */
	bool	help;		/* the help box is up */
	bool	zoom;		/* the buffer alone (z) */
	bool	code;		/* v: the code panel the other way than its
				 * default (beside on a large terminal, none
				 * on a small one) */
	bool	save;		/* s: save the frame on screen */
	bool	bench;		/* b: the transport's last bench figures */
	bool	more;		/* a key came: look for another at once */
};

/* One key from the terminal, if there is one: the source's reaction. */
/* What a source's reaction asks of the screen itself: a key's, or one
 * of a --keys script played on the screen (a tick's). */
static void
screen_react(struct loop_state *st, int react)
{
	if (react & REACT_HELP)
		st->help = !st->help;
	if (react & REACT_ZOOM) {
		st->zoom = !st->zoom;
		st->force = true;
	}
	if (react & REACT_CODE) {
		st->code = !st->code;
		st->force = true;
	}
	if (react & REACT_SAVE)
		st->save = true;
	if (react & REACT_BENCH) {
		st->bench = !st->bench;
		if (!st->bench)
			bench_box_free();
	}
	if (react & REACT_THEME) {
		theme_next();
		st->repaint = st->force = true;
	}
}

static int
read_key(WINDOW *kbd, const struct ui_source *src, struct loop_state *st)
{
	int	ch, react = REACT_NONE;

	st->more = false;
	if ((ch = wgetch(kbd)) == ERR)
		return (REACT_NONE);
	st->more = st->dirty = true;
	if (ch == KEY_RESIZE)
		st->force = true;
	else if (ch == CTRL_L)
		st->repaint = st->force = true;
	else if (keys_action(src->face, ch) == ACT_THEME) {
		/* The view's own key: no source, no log line, no step. */
		theme_next();
		st->repaint = st->force = true;
	} else if (st->help && ch != 'q') {
		st->help = false;
		help_free();
	} else if (st->bench && ch != 'q') {
		/* Any key closes the figures, b too. */
		st->bench = false;
		bench_box_free();
	} else if (keys_action(src->face, ch) == ACT_CODE) {
		st->code = !st->code;
		st->force = true;
	} else if (keys_action(src->face, ch) == ACT_SAVE) {
		st->save = true;
	} else if (ch != ESC) {
		react = src->key(src->arg, map_key(ch));
		screen_react(st, react);
	}
	return (react);
}

/*
 * poll(), with SIGWINCH let through only while it waits. ncurses turns
 * SIGWINCH into KEY_RESIZE from its handler; one that came while a frame
 * was being made would wake no poll, and the screen would keep the old
 * size until the next key or tick. Held pending until here, it ends
 * the wait at once.
 */
int
ui_poll(struct pollfd *pfd, nfds_t n, int timeout_ms)
{
	static sigset_t	 wait_mask;
	static bool	 ready;
	struct timespec	 ts, *tsp = NULL;
	sigset_t	 winch;

	if (!ready) {
		sigemptyset(&winch);
		sigaddset(&winch, SIGWINCH);
		sigprocmask(SIG_BLOCK, &winch, &wait_mask);
		sigdelset(&wait_mask, SIGWINCH);
		ready = true;
	}
	if (timeout_ms >= 0) {
		ts.tv_sec = timeout_ms / 1000;
		ts.tv_nsec = (long)(timeout_ms % 1000) * 1000000;
		tsp = &ts;
	}
	return (ppoll(pfd, n, tsp, &wait_mask));
}

/* Keys come through a 1x1 window no frame touches, so wgetch never
 * refreshes stdscr over the panels. */
WINDOW *
ui_key_window(void)
{
	WINDOW	*kbd;

	if ((kbd = newwin(1, 1, 0, 0)) == NULL)
		return (NULL);
	keypad(kbd, TRUE);
	nodelay(kbd, TRUE);
	/* Home and End as tmux, screen and rxvt send them, whatever the
	 * terminfo of TERM says (xterm's has only the application forms). */
	define_key("\033[1~", KEY_HOME);
	define_key("\033[7~", KEY_HOME);
	define_key("\033[H", KEY_HOME);
	define_key("\033[4~", KEY_END);
	define_key("\033[8~", KEY_END);
	define_key("\033[F", KEY_END);
	wnoutrefresh(kbd);
	return (kbd);
}

int
ui_run(const struct ui_source *src, long frames_max)
{
	struct loop_state	 st = { .sample = true, .dirty = true,
				    .force = true };
	struct ui_layout	 L;
	struct snapshot		*cur = &ui_snaps[0], *prev = &ui_snaps[1];
	struct pollfd		 pfd[2];
	WINDOW			*kbd;
	bool			 has_prev = false;
	char			 line[EVENT_MAX];
	long			 frames = 0;
	int			 sigfd, sig, react, timeout, tick;

	ui.src = src;
	sigfd = sig_open();
	memset(&L, 0, sizeof(L));
	if ((kbd = ui_key_window()) == NULL) {
		ui_done();
		warnx("newwin failed");
		return (2);
	}
	pfd[0].fd = STDIN_FILENO;
	pfd[0].events = POLLIN;
	pfd[1].fd = sigfd;
	pfd[1].events = POLLIN;
	for (;;) {
		if (st.sample) {
			has_prev = src->frame(src->arg, cur, prev, &ui_events);
			st.sample = false;
			st.dirty = true;
		}
		if (st.save) {
			/* The frame on screen, before the line saying so. */
			ui_save(cur, line, sizeof(line));
			ui_log_push(&ui_events, line);
			st.save = false;
			st.dirty = true;
		}
		if (st.dirty || st.force) {
			L.zoom = st.zoom;
			L.code_wanted = !st.code;
			draw_frame(&L, src, cur, has_prev ? prev : NULL,
			    layout_update(&L, cur, st.force), st.help, st.code,
			    st.bench);
			if (st.repaint)
				clearok(curscr, TRUE);
			doupdate();
			st.force = st.repaint = st.dirty = false;
			if (frames_max > 0 && ++frames >= frames_max)
				break;
		}
		timeout = st.more ? 0 : src->wait_ms(src->arg);
		/* --frames: a frame at least every 100 ms, so it always ends. */
		if (frames_max > 0 && (timeout < 0 || timeout > FRAMES_TICK_MS)) {
			timeout = FRAMES_TICK_MS;
			st.dirty = true;
		}
		if (ui_poll(pfd, 2, timeout) == -1 && errno != EINTR) {
			ui_done();
			warn("poll");
			return (2);
		}
		react = REACT_NONE;
		if (pfd[1].revents & POLLIN)
			while ((sig = sig_read(sigfd)) != 0)
				react |= src->signal(src->arg, sig);
		/* One key per frame, so each step is seen. */
		if (!(react & REACT_QUIT))
			react |= read_key(kbd, src, &st);
		if (!(react & REACT_QUIT) && src->wait_ms(src->arg) == 0) {
			tick = src->tick(src->arg);
			/* A key of --keys, played on the screen. */
			screen_react(&st, tick);
			if (tick & (REACT_CODE | REACT_SAVE | REACT_THEME |
			    REACT_BENCH))
				st.dirty = true;
			react |= tick;
		}
		if (react & REACT_QUIT)
			break;
		if (react & (REACT_SAMPLE | REACT_REDRAW))
			st.sample = true;
	}
	delwin(kbd);
	layout_free(&L);
	close(sigfd);
	return (0);
}

void
ui_log_line(const struct snapshot *s, char *buf, size_t len)
{
	if (s->event[0] == '\0')
		buf[0] = '\0';
	else if (s->key[0] != '\0')
		snprintf(buf, len, "%lu %s: %s", s->step, s->key, s->event);
	else
		strlcpy(buf, s->event, len);
}
