//! The backtracking matcher, with its step budget.

use super::class::{is_line_terminator, is_word_char};
use super::compile::{Behind, Inst, Program};
use super::parse::{Assertion, Item};
use super::{MAX_FRAMES, STEPS_PER_INSTRUCTION, UNSET};

/// The step budget ran out or the backtracking stack grew too large.
pub(crate) struct Exhausted;

/// Backtracking stack entries. Register changes are undone through the same
/// stack, so popping back to an alternative restores exactly the captures and
/// loop counters it was pushed with.
enum Frame {
    /// Resume at `pc` and `pos`.
    Alt { pc: usize, pos: usize },
    /// Restore register `reg` to `old`.
    Undo { reg: usize, old: usize },
    /// A greedy `Single` at `pc` that matched `count` characters from `start`
    /// may give one back, down to `floor`.
    Greedy {
        pc: usize,
        start: usize,
        count: usize,
        floor: usize,
    },
    /// A lazy `Single` at `pc` that matched `count` characters, ending at
    /// `pos`, may take one more.
    Lazy { pc: usize, pos: usize, count: usize },
}

/// Outcome of one instruction.
enum Step {
    /// Continue with this instruction and position.
    Next(usize, usize),
    /// Backtrack.
    Fail,
}

/// Total steps allowed for one search of a text of `text_len` characters.
fn budget(program: &Program, text_len: usize) -> u64 {
    let per_inst = STEPS_PER_INSTRUCTION.max(u64::try_from(text_len).unwrap_or(u64::MAX).saturating_mul(4));
    u64::try_from(program.insts.len())
        .unwrap_or(u64::MAX)
        .saturating_mul(per_inst)
}

/// `Matcher.find()`: whether the program matches somewhere in `text`, or
/// `None` if the budget ran out first.
pub(crate) fn find(program: &Program, text: &str) -> Option<bool> {
    let chars: Vec<char> = text.chars().collect();
    let mut matcher = Matcher {
        program,
        text: &chars,
        regs: vec![UNSET; program.regs],
        stack: Vec::new(),
        budget: budget(program, chars.len()),
        runs: vec![(UNSET, UNSET); program.insts.len()],
    };
    // A pattern that can only match at the start need not be tried at every
    // later position; without this `^.{1,256}$` would cost a step per
    // character of a long text just to fail at `^`.
    let last_start = if program.anchored { 0 } else { chars.len() };
    for start in 0..=last_start {
        match matcher.run(0, start) {
            Ok(Some(_)) => return Some(true),
            Ok(None) => {}
            Err(Exhausted) => return None,
        }
    }
    Some(false)
}

struct Matcher<'a> {
    program: &'a Program,
    text: &'a [char],
    regs: Vec<usize>,
    stack: Vec<Frame>,
    budget: u64,
    /// Per instruction, the last known maximal run `(start, end)` of
    /// characters matching a forward `Single`: every character in
    /// `start..end` matches it and the one at `end` (if any) does not.
    runs: Vec<(usize, usize)>,
}

impl Matcher<'_> {
    fn charge(&mut self, steps: u64) -> Result<(), Exhausted> {
        self.budget = self.budget.checked_sub(steps).ok_or(Exhausted)?;
        Ok(())
    }

    fn push(&mut self, frame: Frame) -> Result<(), Exhausted> {
        if self.stack.len() >= MAX_FRAMES {
            return Err(Exhausted);
        }
        self.stack.push(frame);
        Ok(())
    }

    fn reg(&self, reg: usize) -> usize {
        self.regs.get(reg).copied().unwrap_or(UNSET)
    }

    fn set_reg(&mut self, reg: usize, value: usize) -> Result<(), Exhausted> {
        let old = match self.regs.get_mut(reg) {
            Some(slot) => std::mem::replace(slot, value),
            None => return Ok(()),
        };
        if old != value {
            self.push(Frame::Undo { reg, old })?;
        }
        Ok(())
    }

    /// How many characters from `pos` on the `Single` at `pc` is known to
    /// match, from an earlier scan whose run covered `pos`. Without this, an
    /// unanchored search for `[1-9][0-9]*$` would scan the same digits again
    /// from every start position, which is quadratic in the text's length.
    fn known_run(&self, pc: usize, pos: usize) -> usize {
        match self.runs.get(pc) {
            Some(&(start, end)) if start <= pos && pos <= end => end - pos,
            _ => 0,
        }
    }

    /// Records that the characters from `pos` to `pos + count` match the
    /// `Single` at `pc` and the next does not.
    fn remember_run(&mut self, pc: usize, pos: usize, count: usize) {
        if let Some(run) = self.runs.get_mut(pc) {
            let start = if run.0 <= pos && pos <= run.1 { run.0 } else { pos };
            *run = (start, pos + count);
        }
    }

    /// Whether the character `skip` characters after `pos` matches.
    fn item_at(&self, item: Item, pos: usize, skip: usize) -> bool {
        pos.checked_add(skip)
            .and_then(|index| self.text.get(index))
            .is_some_and(|&c| self.program.item_matches(item, c))
    }

    fn is_word_at(&self, pos: usize) -> bool {
        self.text.get(pos).is_some_and(|&c| is_word_char(c))
    }

    fn char_at(&self, pos: usize) -> Option<char> {
        self.text.get(pos).copied()
    }

    /// Whether `pos` is between a `\r` and a `\n`, which Java's `^` and `$`
    /// treat as one line terminator.
    fn inside_crlf(&self, pos: usize) -> bool {
        pos.checked_sub(1).and_then(|p| self.char_at(p)) == Some('\r') && self.char_at(pos) == Some('\n')
    }

    fn assertion_holds(&self, assertion: Assertion, pos: usize) -> bool {
        let len = self.text.len();
        let boundary = || pos.checked_sub(1).is_some_and(|before| self.is_word_at(before)) != self.is_word_at(pos);
        match assertion {
            Assertion::Start => pos == 0,
            Assertion::EndText => pos == len,
            Assertion::LineStart => {
                // Java's multiline `^` matches neither at the end of the text (even after a line terminator)
                // nor inside `\r\n`.
                pos == 0 && len > 0
                    || (pos < len
                        && pos
                            .checked_sub(1)
                            .and_then(|p| self.char_at(p))
                            .is_some_and(is_line_terminator)
                        && !self.inside_crlf(pos))
            }
            Assertion::LineEnd => {
                pos == len || (self.char_at(pos).is_some_and(is_line_terminator) && !self.inside_crlf(pos))
            }
            Assertion::End => {
                if pos == len {
                    return true;
                }
                if pos.saturating_add(2) == len {
                    return self.char_at(pos) == Some('\r') && self.char_at(pos + 1) == Some('\n');
                }
                pos.saturating_add(1) == len
                    && self.char_at(pos).is_some_and(is_line_terminator)
                    && !self.inside_crlf(pos)
            }
            Assertion::WordBoundary => boundary(),
            Assertion::NotWordBoundary => !boundary(),
        }
    }

    /// Runs the program from `pc` at `pos` until `Match` (or, inside a
    /// lookaround or atomic group, its `SubDone`), giving the position
    /// reached. On failure the stack is unwound to where it was, restoring
    /// all registers; on success the frames pushed since remain, so that a
    /// caller can still undo their register changes.
    fn run(&mut self, pc: usize, pos: usize) -> Result<Option<usize>, Exhausted> {
        let base = self.stack.len();
        let (mut pc, mut pos) = (pc, pos);
        loop {
            self.charge(1)?;
            let step = match self.program.insts.get(pc).copied() {
                Some(Inst::Match | Inst::SubDone) => return Ok(Some(pos)),
                Some(inst) => self.step(inst, pc, pos)?,
                None => Step::Fail,
            };
            match step {
                Step::Next(next_pc, next_pos) => (pc, pos) = (next_pc, next_pos),
                Step::Fail => match self.backtrack(base)? {
                    Some((next_pc, next_pos)) => (pc, pos) = (next_pc, next_pos),
                    None => return Ok(None),
                },
            }
        }
    }

    /// The smallest count of a `Single` with non-zero `slack` that ends close
    /// enough to the end of the text for the assertion after it to hold.
    fn edge_floor(&self, pos: usize, slack: usize) -> usize {
        let reach = slack.saturating_sub(1);
        self.text.len().saturating_sub(reach).saturating_sub(pos)
    }

    fn step(&mut self, inst: Inst, pc: usize, pos: usize) -> Result<Step, Exhausted> {
        let next = pc + 1;
        Ok(match inst {
            Inst::One(item) if self.item_at(item, pos, 0) => Step::Next(next, pos.saturating_add(1)),
            Inst::Single {
                item,
                min,
                max,
                greedy,
                slack,
            } => {
                // A greedy loop takes as many characters as it can and gives them back one at a time; a lazy one
                // takes the minimum and more on demand. Either way one stack frame covers the whole loop. When
                // only `\z` can follow, only the largest count can succeed, so a lazy loop need not try others.
                let exact_edge = slack == 1;
                let limit = if greedy || exact_edge { max } else { min };
                let mut count = self.known_run(pc, pos).min(limit);
                while count < limit && self.item_at(item, pos, count) {
                    self.charge(1)?;
                    count += 1;
                }
                if count < limit {
                    self.remember_run(pc, pos, count);
                }
                let floor = if greedy || exact_edge {
                    if slack > 0 {
                        min.max(self.edge_floor(pos, slack))
                    } else {
                        min
                    }
                } else {
                    min
                };
                if count < floor {
                    return Ok(Step::Fail);
                }
                let end = pos.saturating_add(count);
                if greedy && count > floor {
                    self.push(Frame::Greedy {
                        pc,
                        start: pos,
                        count,
                        floor,
                    })?;
                } else if !greedy && !exact_edge && count < max {
                    self.push(Frame::Lazy { pc, pos: end, count })?;
                }
                Step::Next(next, end)
            }
            Inst::Assert(assertion) if self.assertion_holds(assertion, pos) => Step::Next(next, pos),
            Inst::Split { first, second } => {
                self.push(Frame::Alt { pc: second, pos })?;
                Step::Next(first, pos)
            }
            Inst::Jmp(to) => Step::Next(to, pos),
            Inst::Save(reg) => {
                self.set_reg(reg, pos)?;
                Step::Next(next, pos)
            }
            Inst::RepInit(reg) => {
                self.set_reg(reg, 0)?;
                Step::Next(next, pos)
            }
            Inst::RepCheck {
                reg,
                min,
                max,
                greedy,
                exit,
            } => {
                let count = self.reg(reg);
                if count < min {
                    Step::Next(next, pos)
                } else if count >= max {
                    Step::Next(exit, pos)
                } else if greedy {
                    self.push(Frame::Alt { pc: exit, pos })?;
                    Step::Next(next, pos)
                } else {
                    self.push(Frame::Alt { pc: next, pos })?;
                    Step::Next(exit, pos)
                }
            }
            Inst::RepBody { reg } => {
                self.set_reg(reg + 1, pos)?;
                Step::Next(next, pos)
            }
            Inst::RepEnd { reg, check, exit } => {
                // As in Java, an iteration that matched the empty string ends the loop (whatever the count):
                // another one would match the empty string again, and `(a*)*` would loop forever.
                if self.reg(reg + 1) == pos {
                    return Ok(Step::Next(exit, pos));
                }
                let count = self.reg(reg);
                self.set_reg(reg, count.saturating_add(1))?;
                Step::Next(check, pos)
            }
            Inst::Backref { slot, icase } => self.backref(slot, icase, next, pos)?,
            Inst::LookEnd(reg) if self.reg(reg) == pos => Step::Next(next, pos),
            Inst::Look { negate, end, behind } => {
                let mark = self.stack.len();
                let matched = match behind {
                    None => self.run(next, pos)?.is_some(),
                    Some(behind) => self.look_behind(behind, next, pos)?,
                };
                match (matched, negate) {
                    (true, false) => {
                        self.forget_alternatives(mark);
                        Step::Next(end, pos)
                    }
                    (true, true) => {
                        self.unwind(mark);
                        Step::Fail
                    }
                    (false, false) => Step::Fail,
                    (false, true) => Step::Next(end, pos),
                }
            }
            Inst::Atomic { end } => {
                let mark = self.stack.len();
                match self.run(next, pos)? {
                    Some(reached) => {
                        self.forget_alternatives(mark);
                        Step::Next(end, reached)
                    }
                    None => Step::Fail,
                }
            }
            _ => Step::Fail,
        })
    }

    /// Java's lookbehind: the body, run forwards from each start between
    /// `min` and `max` characters back (nearest first), must end at `pos`.
    fn look_behind(&mut self, behind: Behind, body: usize, pos: usize) -> Result<bool, Exhausted> {
        let farthest = behind.max.map_or(pos, |max| max.min(pos));
        self.set_reg(behind.reg, pos)?;
        for len in behind.min..=farthest {
            let Some(start) = pos.checked_sub(len) else { break };
            if self.run(body, start)?.is_some() {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// Drops the alternatives a lookaround or atomic body left above `mark`
    /// but keeps its captures (undoably).
    fn forget_alternatives(&mut self, mark: usize) {
        if mark < self.stack.len() {
            let frames = self.stack.split_off(mark);
            self.stack
                .extend(frames.into_iter().filter(|f| matches!(f, Frame::Undo { .. })));
        }
    }

    fn backref(&mut self, slot: usize, icase: bool, next: usize, pos: usize) -> Result<Step, Exhausted> {
        let (start, end) = (self.reg(slot), self.reg(slot + 1));
        if start == UNSET || end == UNSET || end < start {
            // Java: a group that has not matched makes the reference fail.
            return Ok(Step::Fail);
        }
        let len = end - start;
        self.charge(u64::try_from(len).unwrap_or(u64::MAX))?;
        let here = self.text.get(pos..pos.saturating_add(len));
        let (Some(captured), Some(here)) = (self.text.get(start..end), here) else {
            return Ok(Step::Fail);
        };
        let same = if icase {
            captured.iter().zip(here).all(|(a, b)| a.eq_ignore_ascii_case(b))
        } else {
            captured == here
        };
        Ok(if same {
            Step::Next(next, pos.saturating_add(len))
        } else {
            Step::Fail
        })
    }

    /// Pops frames down to `mark`, undoing their register changes.
    fn unwind(&mut self, mark: usize) {
        while self.stack.len() > mark {
            if let Some(Frame::Undo { reg, old }) = self.stack.pop() {
                if let Some(slot) = self.regs.get_mut(reg) {
                    *slot = old;
                }
            }
        }
    }

    /// Pops frames down to `base` until one offers another way to continue:
    /// its instruction and position.
    fn backtrack(&mut self, base: usize) -> Result<Option<(usize, usize)>, Exhausted> {
        while self.stack.len() > base {
            self.charge(1)?;
            let Some(frame) = self.stack.pop() else {
                break;
            };
            match frame {
                Frame::Undo { reg, old } => {
                    if let Some(slot) = self.regs.get_mut(reg) {
                        *slot = old;
                    }
                }
                Frame::Alt { pc, pos } => return Ok(Some((pc, pos))),
                Frame::Greedy {
                    pc,
                    start,
                    count,
                    floor,
                } => {
                    let Some(Inst::Single { .. }) = self.program.insts.get(pc).copied() else {
                        continue;
                    };
                    let count = count.saturating_sub(1);
                    if count > floor {
                        self.push(Frame::Greedy {
                            pc,
                            start,
                            count,
                            floor,
                        })?;
                    }
                    return Ok(Some((pc + 1, start.saturating_add(count))));
                }
                Frame::Lazy { pc, pos, count } => {
                    let Some(Inst::Single { item, max, .. }) = self.program.insts.get(pc).copied() else {
                        continue;
                    };
                    if self.item_at(item, pos, 0) {
                        let (pos, count) = (pos.saturating_add(1), count + 1);
                        if count < max {
                            self.push(Frame::Lazy { pc, pos, count })?;
                        }
                        return Ok(Some((pc + 1, pos)));
                    }
                }
            }
        }
        Ok(None)
    }
}
