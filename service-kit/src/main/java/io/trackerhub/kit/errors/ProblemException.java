package io.trackerhub.kit.errors;

import java.time.Duration;
import java.util.List;

/**
 * A domain error a caller can act on. Throw it from any service code; it reaches the client as
 * {@code application/problem+json} with this status and detail, never as a stack trace.
 */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;
    private final transient Duration retryAfter;

    public ProblemException(Problem problem) {
        this(problem, null);
    }

    public ProblemException(Problem problem, Duration retryAfter) {
        super(problem.detail());
        this.problem = problem;
        this.retryAfter = retryAfter;
    }

    public Problem problem() {
        return problem;
    }

    /** When the client may try again; sent as {@code Retry-After} (seconds). */
    public Duration retryAfter() {
        return retryAfter;
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(Problem.of(400, "Bad Request", detail));
    }

    public static ProblemException invalid(String field, String problem) {
        return new ProblemException(Problem.of(400, "Bad Request", field + ": " + problem)
                .withErrors(List.of(new Problem.FieldError(field, problem))));
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(Problem.of(404, "Not Found", detail));
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(Problem.of(409, "Conflict", detail));
    }

    /** The service cannot take the request now (a dependency is down, it is overloaded); try again after {@code retryAfter}. */
    public static ProblemException unavailable(String detail, Duration retryAfter) {
        return new ProblemException(Problem.of(503, "Service Unavailable", detail), retryAfter);
    }

    public static ProblemException unprocessable(String detail) {
        return new ProblemException(Problem.of(422, "Unprocessable Content", detail));
    }
}
