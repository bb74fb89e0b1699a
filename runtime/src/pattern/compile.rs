//! From syntax tree to the instructions of the backtracking matcher.

use super::class::{is_line_terminator, Set};
use super::parse::{starts_anchored, Assertion, Item, Node};

/// Instructions of the backtracking machine. Jump targets are instruction
/// indexes. All text is consumed from left to right, lookbehind bodies too.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Inst {
    /// Match one character.
    One(Item),
    /// `item{min,max}`, matched by counting rather than recursion or one
    /// backtracking entry per character. `slack` is non-zero when only an
    /// edge assertion can follow, and then says how close to the edge of the
    /// text the loop must end: 1 for `\z`
    /// (exactly at it), 3 for `$`/`\Z` (a final `\r\n` may follow), so the
    /// loop never tries counts that cannot succeed.
    Single {
        item: Item,
        min: usize,
        max: usize,
        greedy: bool,
        slack: usize,
    },
    Assert(Assertion),
    /// Continue at `first`; on failure, retry from `second` at the same position.
    Split {
        first: usize,
        second: usize,
    },
    Jmp(usize),
    /// Store the position in a register (capture boundaries).
    Save(usize),
    /// Start a group repetition: iteration count in register `reg` becomes 0.
    RepInit(usize),
    /// Decide between another iteration (the next instruction) and leaving
    /// the loop (`exit`).
    RepCheck {
        reg: usize,
        min: usize,
        max: usize,
        greedy: bool,
        exit: usize,
    },
    /// Start an iteration: remember where it started (register `reg + 1`).
    RepBody {
        reg: usize,
    },
    /// End an iteration and jump back to the `RepCheck` at `check`, or leave
    /// the loop at `exit` if the iteration matched the empty string.
    RepEnd {
        reg: usize,
        check: usize,
        exit: usize,
    },
    /// Backreference to the capture in registers `slot` and `slot + 1`.
    Backref {
        slot: usize,
        icase: bool,
    },
    /// Lookaround whose body runs from the next instruction to a `SubDone`;
    /// matching continues at `end` at the same position. A lookbehind
    /// (`behind`) runs its body forwards, as Java does, from each start
    /// `min` to `max` characters back (nearest first), and its `LookEnd`
    /// requires the body to end where the lookbehind stands.
    Look {
        negate: bool,
        end: usize,
        behind: Option<Behind>,
    },
    /// Succeeds only at the position held in the register: the end of a
    /// lookbehind body.
    LookEnd(usize),
    /// Atomic group whose body runs from the next instruction to a `SubDone`;
    /// matching continues at `end` where the body's first match ended.
    Atomic {
        end: usize,
    },
    /// End of a lookaround or atomic body.
    SubDone,
    Match,
}

/// How far back a lookbehind body may start, and the register holding the
/// position it must end at.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Behind {
    pub(crate) min: usize,
    /// `None`: as far back as the text goes (`(?<=a*)`).
    pub(crate) max: Option<usize>,
    pub(crate) reg: usize,
}

/// The fewest and most characters `node` can match (`None`: no bound).
fn length_bounds(node: &Node) -> (usize, Option<usize>) {
    match node {
        Node::Empty | Node::Assert(_) | Node::Look { .. } => (0, Some(0)),
        Node::One(_) => (1, Some(1)),
        // A reference's length is not known here; the parser refuses one in a lookbehind.
        Node::Backref { .. } => (0, None),
        Node::Group { node, .. } | Node::Atomic(node) | Node::LineBreak(node) => length_bounds(node),
        Node::Concat(nodes) => nodes.iter().fold((0, Some(0)), |(min, max), node| {
            let (lo, hi) = length_bounds(node);
            (min.saturating_add(lo), max.zip(hi).and_then(|(a, b)| a.checked_add(b)))
        }),
        Node::Alt(nodes) => {
            let bounds: Vec<_> = nodes.iter().map(length_bounds).collect();
            let min = bounds.iter().map(|b| b.0).min().unwrap_or(0);
            let max = bounds.iter().try_fold(0usize, |max, b| b.1.map(|hi| max.max(hi)));
            (min, max)
        }
        Node::Repeat { node, min, max, .. } => {
            let (lo, hi) = length_bounds(node);
            let most = if *max == usize::MAX {
                None
            } else {
                hi.and_then(|hi| hi.checked_mul(*max))
            };
            (lo.saturating_mul(*min), if hi == Some(0) { Some(0) } else { most })
        }
    }
}

/// A compiled pattern.
#[derive(Debug, Clone)]
pub(crate) struct Program {
    pub(crate) insts: Vec<Inst>,
    pub(crate) sets: Vec<Set>,
    /// Number of registers: two per capturing group, then two per group
    /// repetition.
    pub(crate) regs: usize,
    pub(crate) anchored: bool,
}

impl Program {
    pub(crate) fn item_matches(&self, item: Item, c: char) -> bool {
        match item {
            Item::Char { c: want, icase } => c == want || (icase && c.to_ascii_lowercase() == want),
            Item::Any { dotall } => dotall || !is_line_terminator(c),
            Item::Set(index) => self.sets.get(index).is_some_and(|set| set.contains(c)),
            Item::Never => false,
        }
    }
}

/// The slack of the `Single` at `pc` (see [`Inst::Single`]): after it, only
/// capture saves and jumps, which neither consume text nor fail, then an
/// assertion of the end of the text. Patterns like `^[1-9][0-9]*$` end
/// that way.
fn slack_to_edge(insts: &[Inst], pc: usize) -> usize {
    let Some(Inst::Single { .. }) = insts.get(pc) else {
        return 0;
    };
    let mut next = pc + 1;
    // Jumps only go forwards here, but a bound on the walk rules out any cycle.
    for _ in 0..insts.len() {
        match insts.get(next) {
            Some(Inst::Save(_)) => next += 1,
            Some(Inst::Jmp(to)) => next = *to,
            Some(Inst::Assert(assertion)) => {
                return match assertion {
                    Assertion::EndText => 1,
                    Assertion::End => 3,
                    _ => 0,
                }
            }
            _ => return 0,
        }
    }
    0
}

/// Translates the syntax tree into instructions.
pub(crate) struct Compiler {
    insts: Vec<Inst>,
    regs: usize,
    /// Capturing groups in the pattern.
    groups: usize,
}

impl Compiler {
    pub(crate) fn compile(ast: &Node, groups: usize, sets: Vec<Set>) -> Program {
        let mut compiler = Compiler {
            insts: Vec::new(),
            regs: 2 * groups,
            groups,
        };
        compiler.emit(ast);
        compiler.insts.push(Inst::Match);
        let slacks: Vec<usize> = (0..compiler.insts.len())
            .map(|pc| slack_to_edge(&compiler.insts, pc))
            .collect();
        for (inst, edge) in compiler.insts.iter_mut().zip(slacks) {
            if let Inst::Single { slack, .. } = inst {
                *slack = edge;
            }
        }
        Program {
            insts: compiler.insts,
            sets,
            regs: compiler.regs,
            anchored: starts_anchored(ast),
        }
    }

    fn push(&mut self, inst: Inst) -> usize {
        self.insts.push(inst);
        self.insts.len() - 1
    }

    /// Fills in a forward jump target once it is known.
    fn patch(&mut self, at: usize, target: usize) {
        match self.insts.get_mut(at) {
            Some(Inst::Split { second, .. }) => *second = target,
            Some(Inst::Jmp(to)) => *to = target,
            Some(Inst::RepCheck { exit, .. } | Inst::RepEnd { exit, .. }) => *exit = target,
            Some(Inst::Look { end, .. } | Inst::Atomic { end }) => *end = target,
            _ => {}
        }
    }

    /// Emits `node`.
    fn emit(&mut self, node: &Node) {
        match node {
            Node::Empty => {}
            Node::One(item) => {
                self.push(Inst::One(*item));
            }
            Node::Assert(assertion) => {
                self.push(Inst::Assert(*assertion));
            }
            Node::Group { slot, node } => {
                self.push(Inst::Save(*slot));
                self.emit(node);
                self.push(Inst::Save(slot + 1));
            }
            Node::Look { ahead, negate, node } => {
                let behind = (!*ahead).then(|| {
                    let (min, max) = length_bounds(node);
                    let reg = self.regs;
                    self.regs += 1;
                    Behind { min, max, reg }
                });
                let look = self.push(Inst::Look {
                    negate: *negate,
                    end: 0,
                    behind,
                });
                self.emit(node);
                if let Some(behind) = behind {
                    self.push(Inst::LookEnd(behind.reg));
                }
                self.push(Inst::SubDone);
                self.patch(look, self.insts.len());
            }
            Node::LineBreak(node) => self.emit(node),
            Node::Atomic(node) => {
                let atomic = self.push(Inst::Atomic { end: 0 });
                self.emit(node);
                self.push(Inst::SubDone);
                self.patch(atomic, self.insts.len());
            }
            Node::Backref { group, icase } => {
                if *group == 0 || *group > self.groups {
                    // Java accepts a reference to a group that does not exist, and it never matches. (Its
                    // registers would be the loop counters that follow the groups', so none is read.)
                    self.push(Inst::One(Item::Never));
                } else {
                    self.push(Inst::Backref {
                        // Groups are numbered from 1.
                        slot: (group - 1).saturating_mul(2),
                        icase: *icase,
                    });
                }
            }
            Node::Concat(nodes) => {
                for node in nodes {
                    self.emit(node);
                }
            }
            Node::Alt(nodes) => {
                let mut exits = Vec::new();
                for (i, node) in nodes.iter().enumerate() {
                    if i + 1 == nodes.len() {
                        self.emit(node);
                        break;
                    }
                    let split = self.push(Inst::Split {
                        first: self.insts.len() + 1,
                        second: 0,
                    });
                    self.emit(node);
                    exits.push(self.push(Inst::Jmp(0)));
                    self.patch(split, self.insts.len());
                }
                let end = self.insts.len();
                for exit in exits {
                    self.patch(exit, end);
                }
            }
            Node::Repeat {
                node, min, max, greedy, ..
            } => self.emit_repeat(node, (*min, *max, *greedy)),
        }
    }

    fn emit_repeat(&mut self, node: &Node, (min, max, greedy): (usize, usize, bool)) {
        if max == 0 {
            return;
        }
        if let Node::One(item) = node {
            self.push(Inst::Single {
                item: *item,
                min,
                max,
                greedy,
                slack: 0,
            });
            return;
        }
        if min == 1 && max == 1 {
            self.emit(node);
            return;
        }
        // General repetition keeps its iteration count and the start of the
        // current iteration in registers, so `{n,m}` needs no copies of the
        // body and backtracking restores the count like any capture. As in
        // Java, captures keep their values from earlier iterations.
        let reg = self.regs;
        self.regs += 2;
        self.push(Inst::RepInit(reg));
        let check = self.push(Inst::RepCheck {
            reg,
            min,
            max,
            greedy,
            exit: 0,
        });
        self.push(Inst::RepBody { reg });
        self.emit(node);
        let end = self.push(Inst::RepEnd { reg, check, exit: 0 });
        let exit = self.insts.len();
        self.patch(check, exit);
        self.patch(end, exit);
    }
}
