-- A training-set version freezes each item's pixel size (micrometres per pixel, NULL: unknown) as the image had it
-- when the version was made, so that editing an image's pixel size later does not change what the version trains on.
-- Versions made before this migration take their images' pixel sizes of today (the best guess there is).
ALTER TABLE training_set_item ADD COLUMN pixel_size_um DOUBLE PRECISION CHECK (pixel_size_um > 0);
UPDATE training_set_item t SET pixel_size_um = i.pixel_size_um FROM image i
    WHERE i.id = t.image_id AND i.pixel_size_um > 0;
