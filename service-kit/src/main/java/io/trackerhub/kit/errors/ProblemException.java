package io.trackerhub.kit.errors;

import java.util.List;

/**
 * A domain error a caller can act on. Throw it from any service code; it reaches the client as
 * {@code application/problem+json} with this status and detail, never as a stack trace.
 */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.detail());
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
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

    public static ProblemException unprocessable(String detail) {
        return new ProblemException(Problem.of(422, "Unprocessable Content", detail));
    }
}
