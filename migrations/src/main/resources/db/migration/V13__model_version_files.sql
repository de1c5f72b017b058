-- Files a model version keeps besides its ONNX members (bioimage.io): the stored test input and output tensors
-- (.npy) that publishing runs the version on, its cover, and for an imported version the package it came from and
-- its description. Content-addressed blobs of the lab like members (LabBlobs.references counts these rows).
CREATE TABLE model_version_file (
    model_version_id UUID         NOT NULL REFERENCES model_version (id) ON DELETE CASCADE,
    name             VARCHAR(100) NOT NULL,
    lab_id           UUID         NOT NULL REFERENCES lab (id) ON DELETE CASCADE,
    sha256           VARCHAR(64)  NOT NULL,
    size_bytes       BIGINT       NOT NULL CHECK (size_bytes >= 0),
    PRIMARY KEY (model_version_id, name)
);
CREATE INDEX model_version_file_lab_sha_idx ON model_version_file (lab_id, sha256);
