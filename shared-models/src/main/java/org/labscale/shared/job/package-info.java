/**
 * The job queue's vocabulary: what users submit and read ({@link org.labscale.shared.job.SubmitJobRequest},
 * {@link org.labscale.shared.job.JobDto}) and the HTTP protocol between the platform and its worker nodes
 * ({@link org.labscale.shared.job.WorkerRegistration}, {@link org.labscale.shared.job.LeaseRequest},
 * {@link org.labscale.shared.job.LeaseDto}, {@link org.labscale.shared.job.HeartbeatRequest},
 * {@link org.labscale.shared.job.HeartbeatResponse}, {@link org.labscale.shared.job.CompleteRequest},
 * {@link org.labscale.shared.job.FailRequest}, {@link org.labscale.shared.job.ReleaseRequest}).
 *
 * <h2>Users' endpoints</h2>
 * <ul>
 *   <li>{@code POST /api/v1/labs/{labId}/jobs} with an optional {@code Idempotency-Key} header: 201 and the new job;
 *       200 and the same job when the key was already used in this lab with the same request; 422
 *       {@code job.idempotency-key-reused} when the key was used with a different request.</li>
 *   <li>{@code GET /api/v1/labs/{labId}/jobs?state=&kind=&page=&size=}, {@code GET /api/v1/jobs/{jobId}} (ETag),
 *       {@code POST /api/v1/jobs/{jobId}/cancel}, {@code POST /api/v1/jobs/{jobId}/retry},
 *       {@code GET /api/v1/jobs/{jobId}/events} (server-sent events, one {@link org.labscale.shared.job.JobDto}
 *       per change; the stream ends after the job reaches a final state).</li>
 *   <li>{@code GET /api/v1/labs/{labId}/jobs/{jobId}/outputs}: the objects the successful attempt stored
 *       ({@link org.labscale.shared.job.JobOutputDto}); {@code .../outputs/{name}}: 307 to a presigned GET;
 *       {@code .../outputs.zip}: all of them as one zip.</li>
 * </ul>
 *
 * <h2>Worker protocol</h2>
 * Workers authenticate with a worker token ({@code lsw_...}) made by a lab owner
 * ({@code POST /api/v1/labs/{labId}/workers}: the worker only ever receives that lab's jobs) or by the platform
 * administrator ({@code POST /api/v1/admin/workers}: a shared worker that serves every lab). Worker tokens are
 * accepted only on {@code /api/v1/worker/...}, and user tokens never are.
 * <ol>
 *   <li>{@code POST /api/v1/worker/register} with a {@link org.labscale.shared.job.WorkerRegistration}: 200 and the
 *       {@link org.labscale.shared.job.WorkerDto}. Repeat it whenever the process starts.</li>
 *   <li>{@code POST /api/v1/worker/lease} with a {@link org.labscale.shared.job.LeaseRequest}: a long poll (at most
 *       the server's limit, 25 s by default) answering 200 with a {@link org.labscale.shared.job.LeaseDto}, or 204
 *       when no job arrived in time; 409 {@code worker.not-registered} before registration. A worker with several
 *       slots runs one lease loop per slot.</li>
 *   <li>{@code POST /api/v1/worker/jobs/{jobId}/heartbeat} with a {@link org.labscale.shared.job.HeartbeatRequest}
 *       at least every {@link org.labscale.shared.job.LeaseDto#heartbeatEverySeconds()}: 200 with a
 *       {@link org.labscale.shared.job.HeartbeatResponse} (the new lease expiry, and whether the user asked to
 *       cancel).</li>
 *   <li>{@code POST /api/v1/worker/jobs/{jobId}/complete} ({@link org.labscale.shared.job.CompleteRequest}),
 *       {@code .../fail} ({@link org.labscale.shared.job.FailRequest}) or {@code .../release}
 *       ({@link org.labscale.shared.job.ReleaseRequest}, to hand a job back on shutdown): 204.</li>
 * </ol>
 * A lease names its inputs with presigned GET URLs and their SHA-256 ({@link org.labscale.shared.job.LeaseDto#inputHashes()}:
 * check before use) and carries what the API resolved ({@link org.labscale.shared.job.LeaseDto#context()}). TRAINING:
 * inputs {@code image/<imageId>}, {@code classmap/<annotationVersionId>}; context {@code trainingSets}
 * ({@link org.labscale.shared.trainingset.TrainingSetVersionDto}s); outputs {@code member-<i>.onnx} for every ensemble
 * member and {@code card.json} (a {@link org.labscale.shared.model.ModelCard}), from which the completion registers a
 * model version (422 and a FAILED job when they cannot make one). SEGMENTATION: inputs
 * {@code model/<modelVersionId>/member-<i>.onnx}, {@code image/<imageId>}, {@code mask/<imageId>}; context
 * {@code model}, {@code nuclearModel} ({@link org.labscale.shared.model.ModelVersionDto} or null), {@code images}
 * ({@link org.labscale.shared.image.ImageDto}s of the images that still exist), {@code references}
 * ({@code {"<imageId>": {"annotationKind": ...}}}); outputs per image {@code <imageId>/labels.tif}, {@code labels.png},
 * {@code overlay.png}, {@code cells.csv}, {@code probabilities.tif} (those the payload asks for), and
 * {@code scores.json}, {@code report.json}. TRACKING: inputs {@code model/<modelVersionId>/member-<i>.onnx},
 * {@code image/<imageId>} (the series); context {@code model}, {@code image} (or null), {@code frames}; outputs
 * {@code ctc/maskTTT.tif} per frame, {@code ctc/res_track.txt}, {@code tracks.csv}, {@code growth.csv},
 * {@code report.json}.
 *
 * <p>Every call about a job carries the {@code leaseId} of its lease: it is the fencing token. When the lease is no
 * longer the job's current one (it expired and the job was re-queued or leased again, or the job ended), the call
 * is refused with 409 {@code lease.lost} and changes nothing; the worker must then abandon the job. Repeating a
 * {@code complete} or {@code fail} that already succeeded with the same lease answers 204 again (safe retries).
 */
package org.labscale.shared.job;
