//! Paginators for `@paginated` operations. The caller supplies the send
//! function (its HTTP client plus the operation's `request` and
//! `parse_response`); the paginator feeds each page's token into the next
//! request. It stops when the token is absent or empty, and stops with
//! `PaginationError::RepeatedToken` when the service sends back the token
//! it was just given.

use std::collections::{BTreeMap, VecDeque};
use std::future::Future;

use crate::error::PaginationError;

/// What a page token can be: a string, as most services page, or a map of
/// values, as DynamoDB's `ExclusiveStartKey` and `LastEvaluatedKey` are.
pub trait PageToken: Clone + PartialEq {
    /// An empty token ends the pages, as an absent one does.
    fn is_empty(&self) -> bool;
    /// The token as [`PaginationError::RepeatedToken`] names it.
    fn describe(&self) -> String;
}

impl PageToken for String {
    fn is_empty(&self) -> bool {
        str::is_empty(self)
    }

    fn describe(&self) -> String {
        self.clone()
    }
}

/// A key of attribute values: described by its attribute names only, since
/// the values are the caller's data.
impl<V: Clone + PartialEq> PageToken for BTreeMap<String, V> {
    fn is_empty(&self) -> bool {
        BTreeMap::is_empty(self)
    }

    fn describe(&self) -> String {
        let names: Vec<&str> = self.keys().map(String::as_str).collect();
        format!("{{{}}}", names.join(", "))
    }
}

/// An operation whose results come in pages.
pub trait Paginated {
    /// The operation input.
    type Input;
    /// The operation output.
    type Output;
    /// The page token: a `String`, or a map for DynamoDB's keys.
    type Token: PageToken;
    /// The page token the input carries.
    fn token(input: &Self::Input) -> Option<&Self::Token>;
    /// Sets the page token on the input.
    fn set_token(input: &mut Self::Input, token: Option<Self::Token>);
    /// The token of the next page, if any.
    fn next_token(output: &Self::Output) -> Option<&Self::Token>;
    /// Sets the page-size member of the input (a no-op where there is none).
    fn set_page_size(input: &mut Self::Input, size: i32);
}

/// A paginated operation whose pages hold a list of items.
pub trait PaginatedItems: Paginated {
    /// One item.
    type Item;
    /// Takes the items out of a page.
    fn take_items(output: &mut Self::Output) -> Vec<Self::Item>;
}

/// What a paginator's `next` returns.
type Step<P, E> = Option<Result<<P as Paginated>::Output, PaginationError<E>>>;

enum State<T> {
    First,
    Next(T),
    Repeated(T),
    Done,
}

impl<T: PageToken> State<T> {
    /// Starts the next request: puts the pending token on the input and
    /// returns the token sent, or ends the iteration (`Err`).
    fn begin<P: Paginated<Token = T>, E>(&mut self, input: &mut P::Input) -> Result<Option<T>, Step<P, E>> {
        match std::mem::replace(self, State::Done) {
            State::Done => Err(None),
            State::Repeated(token) => Err(Some(Err(PaginationError::RepeatedToken(token.describe())))),
            // A caller may resume from a token of their own.
            State::First => Ok(P::token(input).cloned()),
            State::Next(token) => {
                P::set_token(input, Some(token.clone()));
                Ok(Some(token))
            }
        }
    }

    /// Records a page's outcome and passes it on.
    fn finish<P: Paginated<Token = T>, E>(&mut self, sent: Option<T>, page: Result<P::Output, E>) -> Step<P, E> {
        match page {
            Ok(output) => {
                *self = State::after(sent.as_ref(), P::next_token(&output));
                Some(Ok(output))
            }
            Err(e) => Some(Err(PaginationError::Send(e))),
        }
    }

    /// The state after a page that carried `token`, given the token sent.
    fn after(sent: Option<&T>, token: Option<&T>) -> State<T> {
        match token {
            None => State::Done,
            Some(token) if token.is_empty() => State::Done,
            Some(token) if sent == Some(token) => State::Repeated(token.clone()),
            Some(token) => State::Next(token.clone()),
        }
    }
}

/// Iterates the pages of an operation, calling a blocking send function.
pub struct Paginator<P: Paginated, F> {
    input: P::Input,
    send: F,
    state: State<P::Token>,
}

impl<P: Paginated, F> Paginator<P, F> {
    #[doc(hidden)]
    pub fn new(input: P::Input, send: F) -> Self {
        Paginator {
            input,
            send,
            state: State::First,
        }
    }

    /// Sets the page-size member of every request.
    pub fn page_size(mut self, size: i32) -> Self {
        P::set_page_size(&mut self.input, size);
        self
    }

    /// Iterates the items of every page instead of the pages.
    pub fn items(self) -> Items<P, F>
    where
        P: PaginatedItems,
    {
        Items {
            pages: self,
            buffer: VecDeque::new(),
        }
    }
}

impl<P: Paginated, F, E> Iterator for Paginator<P, F>
where
    F: FnMut(&P::Input) -> Result<P::Output, E>,
{
    type Item = Result<P::Output, PaginationError<E>>;

    fn next(&mut self) -> Option<Self::Item> {
        let sent = match self.state.begin::<P, E>(&mut self.input) {
            Ok(sent) => sent,
            Err(end) => return end,
        };
        let page = (self.send)(&self.input);
        self.state.finish::<P, E>(sent, page)
    }
}

/// Iterates the items of every page.
pub struct Items<P: PaginatedItems, F> {
    pages: Paginator<P, F>,
    buffer: VecDeque<P::Item>,
}

impl<P: PaginatedItems, F, E> Iterator for Items<P, F>
where
    F: FnMut(&P::Input) -> Result<P::Output, E>,
{
    type Item = Result<P::Item, PaginationError<E>>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(item) = self.buffer.pop_front() {
                return Some(Ok(item));
            }
            match self.pages.next()? {
                Ok(mut page) => self.buffer.extend(P::take_items(&mut page)),
                Err(e) => return Some(Err(e)),
            }
        }
    }
}

/// Pages of an operation through an async send function, which gets each
/// request's input by value.
pub struct AsyncPaginator<P: Paginated, F> {
    input: P::Input,
    send: F,
    state: State<P::Token>,
}

impl<P: Paginated, F> AsyncPaginator<P, F>
where
    P::Input: Clone,
{
    #[doc(hidden)]
    pub fn new(input: P::Input, send: F) -> Self {
        AsyncPaginator {
            input,
            send,
            state: State::First,
        }
    }

    /// Sets the page-size member of every request.
    pub fn page_size(mut self, size: i32) -> Self {
        P::set_page_size(&mut self.input, size);
        self
    }

    /// The next page, or `None` after the last one.
    pub async fn next_page<Fut, E>(&mut self) -> Option<Result<P::Output, PaginationError<E>>>
    where
        F: FnMut(P::Input) -> Fut,
        Fut: Future<Output = Result<P::Output, E>>,
    {
        let sent = match self.state.begin::<P, E>(&mut self.input) {
            Ok(sent) => sent,
            Err(end) => return end,
        };
        let page = (self.send)(self.input.clone()).await;
        self.state.finish::<P, E>(sent, page)
    }

    /// Every item of the remaining pages, in order; stops at the first error.
    pub async fn collect_items<Fut, E>(&mut self) -> Result<Vec<P::Item>, PaginationError<E>>
    where
        P: PaginatedItems,
        F: FnMut(P::Input) -> Fut,
        Fut: Future<Output = Result<P::Output, E>>,
    {
        let mut items = Vec::new();
        while let Some(page) = self.next_page().await {
            items.extend(P::take_items(&mut page?));
        }
        Ok(items)
    }
}
