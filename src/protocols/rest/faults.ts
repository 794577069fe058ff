/**
 * REST's fault table (REST+JSON and REST+XML): each error kind's HTTP status and WSME
 * `faultcode`. An error thrown with a status of its own (a handler's 422) keeps that status.
 */
import { type ErrorKind, type StatusFault, statusFaults } from '../../errors/index.ts';

/** How one kind looks in a REST answer. */
export type RestFault = StatusFault;

/** WSME's rule (`statusFaults`), shared with the other protocols that answer with HTTP statuses. */
export const restFaults: Readonly<Record<ErrorKind, RestFault>> = statusFaults;
